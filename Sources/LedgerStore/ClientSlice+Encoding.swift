import Foundation
import TitleholdCore

/// What a stored slice carries besides the `ClientLedger`: the client's key and name and the
/// references of the agreements its items were delivered under, so that `owned` reads the item
/// and its slice and joins no other table (format 2, migration `v7-slice-names`).
struct ClientSliceHeader {
    var clientKey: String
    var clientName: String?
    /// (agreement id, reference), in id order.
    var agreements: [(id: Int64, reference: String)]
}

/// The stored form of a client's `ClientLedger`: a compact hand-written binary encoding, because
/// decoding it sits on the `owned` hot path (JSON through `Codable` took longer than rebuilding
/// the slice with SQL).
///
/// Layout (format 2):
/// - a format byte and the client kind;
/// - the header (`ClientSliceHeader`): the client's key, a byte saying whether a name follows and
///   the name, then a counted list of agreement ids and references;
/// - the delivery spans (`DeliverySpans`): a byte saying whether any item has events, then per
///   item a byte of flags, its id, delivery day, first invoice day and its record's offset in the
///   items section, each as a difference (from the item before; the first invoice from the delivery);
/// - counted lists of invoices, credit notes and payments;
/// - the items: their count, the section's length in bytes, then each item's record (with its
///   invoice ids and events), so a reader can take one item and step over the rest;
/// - the letters.
///
/// Integers are LEB128 varints, signed ones zig-zagged; dates are `Day.ordinal`; strings are a
/// length and UTF-8 bytes; each record starts with a byte of flags saying which optional fields
/// follow. Enumerations are stored by raw value, so reordering a Swift enum cannot change what a
/// stored slice means. Format 1 had no header, no spans and no section length.
///
/// A blob whose format byte is not `ClientSliceCodec.format`, or that ends early, decodes to
/// `nil` and the caller rebuilds the slice from its rows: a stale format is slow, never wrong.
enum ClientSliceCodec {
    static let format: UInt8 = 2

    static func encode(_ ledger: ClientLedger, header: ClientSliceHeader) -> [UInt8] {
        var w = SliceWriter()
        w.bytes.reserveCapacity(64 + ledger.items.count * 40 + ledger.invoices.count * 40 + ledger.payments.count * 16)
        w.byte(format)
        w.byte(ledger.clientKind == .consumer ? 1 : 0)
        w.string(header.clientKey)
        w.byte(header.clientName != nil ? 1 : 0)
        if let name = header.clientName { w.string(name) }
        w.count(header.agreements.count)
        for agreement in header.agreements { w.int(agreement.id); w.string(agreement.reference) }
        // The items first into their own buffer: the spans name each item's offset in it.
        var itemsSection = SliceWriter()
        var offsets: [Int] = []
        offsets.reserveCapacity(ledger.items.count)
        for item in ledger.items {
            offsets.append(itemsSection.bytes.count)
            itemsSection.item(item)
        }
        // Each span as differences from the one before (ids, delivery days and record offsets
        // grow slowly within a client) and its first invoice from its delivery: mostly one byte
        // each, so the slice stays within one database page.
        let deliveries = DeliverySpans(ledger)
        w.byte(deliveries.hasItemEvents ? 1 : 0)
        w.count(deliveries.spans.count)
        var previous = (id: Int64(0), day: 0, offset: 0)
        for (span, offset) in zip(deliveries.spans, offsets) {
            w.byte(span.firstInvoicedOn != nil ? 1 : 0)
            w.int(span.itemID &- previous.id)
            w.int(Int64(span.deliveredOn.ordinal - previous.day))
            if let first = span.firstInvoicedOn { w.int(Int64(first.ordinal - span.deliveredOn.ordinal)) }
            w.count(offset - previous.offset)
            previous = (span.itemID, span.deliveredOn.ordinal, offset)
        }
        w.count(ledger.invoices.count)
        for invoice in ledger.invoices {
            w.byte((invoice.agreementID != nil ? 1 : 0) | (invoice.paymentID != nil ? 2 : 0) | (invoice.isGoods ? 4 : 0))
            w.int(invoice.id); w.string(invoice.number)
            if let agreement = invoice.agreementID { w.int(agreement) }
            w.day(invoice.issueDate); w.day(invoice.dueDate); w.int(invoice.payable.value)
            if let paymentID = invoice.paymentID { w.string(paymentID) }
        }
        w.count(ledger.creditNotes.count)
        for note in ledger.creditNotes {
            w.byte(note.invoiceID != nil ? 1 : 0)
            w.string(note.number); w.day(note.issueDate); w.int(note.amount.value)
            if let invoice = note.invoiceID { w.int(invoice) }
        }
        w.count(ledger.payments.count)
        for payment in ledger.payments {
            w.byte(payment.invoiceID != nil ? 1 : 0)
            w.int(payment.id); w.day(payment.bookingDate); w.int(payment.amount.value)
            if let invoice = payment.invoiceID { w.int(invoice) }
        }
        w.count(ledger.items.count)
        w.count(itemsSection.bytes.count)
        w.bytes.append(contentsOf: itemsSection.bytes)
        // Letters by invoice id, in id order so equal ledgers encode to equal bytes.
        let letterKeys = ledger.letters.keys.sorted()
        w.count(letterKeys.count)
        for invoice in letterKeys {
            let letters = ledger.letters[invoice] ?? []
            w.int(invoice); w.count(letters.count)
            for letter in letters { w.string(letter.kind.rawValue); w.day(letter.sentOn) }
        }
        return w.bytes
    }

    /// The ledger encoded in `bytes`, or `nil` when they are not a complete slice of this format.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> ClientLedger? {
        var r = SliceReader(bytes: bytes)
        guard r.byte() == format, let kindByte = r.byte(), r.skipHeader(), r.skipDeliverySpans() else { return nil }
        return decodeLedger(&r, kind: kindByte == 1 ? .consumer : .business)
    }

    /// What `owned` reads for its item: the client's key and name, the reference of agreement
    /// `agreementID`, and the client's ledger — in full, or (`spansFor` an item id, and the client
    /// has no item events) with only that item among its items, the others given by their
    /// delivery spans and their serials kept for reasons that name them. `nil` as `decode`.
    static func decodeForLookup(_ bytes: UnsafeRawBufferPointer, agreementID: Int64, spansFor itemID: Int64? = nil)
        -> SliceLookup?
    {
        var r = SliceReader(bytes: bytes)
        guard r.byte() == format, let kindByte = r.byte(), let key = r.string(), let hasName = r.byte() else { return nil }
        var name: String?
        if hasName != 0 { guard let n = r.string() else { return nil }; name = n }
        guard let agreementCount = r.count() else { return nil }
        var reference: String?
        for _ in 0..<agreementCount {
            guard let id = r.int() else { return nil }
            if id == agreementID {
                guard let text = r.string() else { return nil }
                reference = text
            } else {
                guard r.skipString() else { return nil }
            }
        }
        let kind: ClientKind = kindByte == 1 ? .consumer : .business
        guard let itemID else {
            guard r.skipDeliverySpans(), let ledger = decodeLedger(&r, kind: kind) else { return nil }
            return SliceLookup(clientKey: key, clientName: name, agreement: reference, ledger: ledger)
        }
        guard let (deliveries, offsets) = r.deliverySpans() else { return nil }
        guard !deliveries.hasItemEvents, let position = deliveries.spans.firstIndex(where: { $0.itemID == itemID }) else {
            guard let ledger = decodeLedger(&r, kind: kind) else { return nil }
            return SliceLookup(clientKey: key, clientName: name, agreement: reference, ledger: ledger)
        }
        guard let ledger = decodeLedger(&r, kind: kind, items: .one(offset: offsets[position])),
              ledger.items.first?.id == itemID else { return nil }
        // The items section is kept for the serials a reason may name (`DeliverySerials`).
        let serials = DeliverySerials(itemsSection: Array(bytes[r.itemsSection]), offsets: offsets)
        return SliceLookup(clientKey: key, clientName: name, agreement: reference, ledger: ledger,
                           deliveries: deliveries, serials: serials)
    }

    /// The header alone (for tests), or `nil` as `decode`.
    static func decodeHeader(_ bytes: UnsafeRawBufferPointer) -> ClientSliceHeader? {
        var r = SliceReader(bytes: bytes)
        guard r.byte() == format, r.byte() != nil, let key = r.string(), let hasName = r.byte() else { return nil }
        var name: String?
        if hasName != 0 { guard let n = r.string() else { return nil }; name = n }
        guard let agreementCount = r.count() else { return nil }
        var agreements: [(id: Int64, reference: String)] = []
        for _ in 0..<agreementCount {
            guard let id = r.int(), let reference = r.string() else { return nil }
            agreements.append((id, reference))
        }
        return ClientSliceHeader(clientKey: key, clientName: name, agreements: agreements)
    }

    /// Which items `decodeLedger` builds: all, or the one whose record starts at an offset of the items section.
    private enum ItemSelection { case all, one(offset: Int) }

    /// The lists after the delivery spans.
    private static func decodeLedger(_ r: inout SliceReader, kind: ClientKind, items items_: ItemSelection = .all) -> ClientLedger? {

        guard let invoiceCount = r.count() else { return nil }
        var invoices: [ClientLedger.Invoice] = []
        invoices.reserveCapacity(invoiceCount)
        for _ in 0..<invoiceCount {
            guard let flags = r.byte(), let id = r.int(), let number = r.string() else { return nil }
            var agreement: Int64?
            if flags & 1 != 0 { guard let a = r.int() else { return nil }; agreement = a }
            guard let issue = r.day(), let due = r.day(), let payable = r.int() else { return nil }
            var paymentID: InlineText?
            if flags & 2 != 0 { guard let p = r.inlineText() else { return nil }; paymentID = p }
            invoices.append(ClientLedger.Invoice(id: id, number: number, agreementID: agreement, isGoods: flags & 4 != 0,
                                                 issueDate: issue, dueDate: due, payable: Cents(payable), paymentIDText: paymentID))
        }

        guard let creditCount = r.count() else { return nil }
        var creditNotes: [ClientLedger.CreditNote] = []
        creditNotes.reserveCapacity(creditCount)
        for _ in 0..<creditCount {
            guard let flags = r.byte(), let number = r.string(), let issue = r.day(), let amount = r.int() else { return nil }
            var invoice: Int64?
            if flags & 1 != 0 { guard let i = r.int() else { return nil }; invoice = i }
            creditNotes.append(ClientLedger.CreditNote(number: number, issueDate: issue, amount: Cents(amount), invoiceID: invoice))
        }

        guard let paymentCount = r.count() else { return nil }
        var payments: [ClientLedger.Payment] = []
        payments.reserveCapacity(paymentCount)
        for _ in 0..<paymentCount {
            guard let flags = r.byte(), let id = r.int(), let booked = r.day(), let amount = r.int() else { return nil }
            var invoice: Int64?
            if flags & 1 != 0 { guard let i = r.int() else { return nil }; invoice = i }
            payments.append(ClientLedger.Payment(id: id, bookingDate: booked, amount: Cents(amount), invoiceID: invoice))
        }

        guard let itemCount = r.count(), let sectionLength = r.count(), r.offset + sectionLength <= r.bytes.count else { return nil }
        var items: [ClientLedger.DeliveredItem] = []
        let sectionStart = r.offset
        r.itemsSection = sectionStart..<(sectionStart + sectionLength)
        switch items_ {
        case .all:
            items.reserveCapacity(itemCount)
            for _ in 0..<itemCount {
                guard let item = r.item() else { return nil }
                items.append(item)
            }
            guard r.offset == sectionStart + sectionLength else { return nil }
        case .one(let offset):
            // Only the item asked about; the others are stepped over whole.
            var one = SliceReader(bytes: r.bytes, offset: sectionStart + offset)
            guard sectionStart + offset < sectionStart + sectionLength, let item = one.item() else { return nil }
            items = [item]
            r.offset = sectionStart + sectionLength
        }

        guard let letterKeyCount = r.count() else { return nil }
        var letters: [Int64: [DunningLetter]] = [:]
        for _ in 0..<letterKeyCount {
            guard let invoice = r.int(), let count = r.count() else { return nil }
            var list: [DunningLetter] = []
            for _ in 0..<count {
                guard let kindText = r.string(), let kind = DunningLetter.Kind(rawValue: kindText), let sent = r.day() else { return nil }
                list.append(DunningLetter(kind: kind, sentOn: sent))
            }
            letters[invoice] = list
        }
        guard r.atEnd else { return nil }
        return ClientLedger(clientKind: kind, invoices: invoices, creditNotes: creditNotes, payments: payments,
                            items: items, letters: letters)
    }
}

/// What `owned` reads from a stored slice (`ClientSliceCodec.decodeForLookup`).
struct SliceLookup {
    var clientKey: String
    var clientName: String?
    /// The reference of the item's agreement, when the slice lists it.
    var agreement: String?
    /// In full, or with only the item asked about among its items when `deliveries` is set.
    var ledger: ClientLedger
    var deliveries: DeliverySpans?
    var serials: DeliverySerials?
}

/// The serials of a client's deliveries, read from a copy of its slice's items section only when
/// a reason names one (`OwnershipRule.verdict(for:in:deliveries:serial:on:)`).
public struct DeliverySerials: Sendable {
    let itemsSection: [UInt8]
    let offsets: [Int]

    /// The serial of the delivery at `position` of the client's delivery spans.
    public func serial(at position: Int) -> String {
        itemsSection.withUnsafeBytes { bytes in
            var r = SliceReader(bytes: bytes, offset: offsets[position])
            return r.item()?.serial ?? ""
        }
    }
}

/// Appends varints and strings to a byte array.
struct SliceWriter {
    var bytes: [UInt8] = []

    /// One item's record of the items section.
    mutating func item(_ item: ClientLedger.DeliveredItem) {
        byte((item.agreementID != nil ? 1 : 0) | (item.value != nil ? 2 : 0))
        int(item.id); string(item.serialText.string)
        if let agreement = item.agreementID { int(agreement) }
        day(item.deliveredOn)
        if let value = item.value { int(value.value) }
        count(item.invoiceIDs.count)
        for invoice in item.invoiceIDs { int(invoice) }
        count(item.events.count)
        for event in item.events {
            byte((event.note != nil ? 1 : 0) | (event.outsideNormalCourse ? 2 : 0))
            string(event.kind.rawValue); day(event.date)
            if let note = event.note { string(note) }
        }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    /// Zig-zag, so small negative numbers stay short.
    mutating func int(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func count(_ n: Int) { unsigned(UInt64(n)) }
    mutating func day(_ day: Day) { int(Int64(day.ordinal)) }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what `SliceWriter` wrote; every read returns `nil` past the end or on a malformed value.
struct SliceReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    /// Where the items section is, once `decodeLedger` has read past its start.
    var itemsSection: Range<Int> = 0..<0

    /// One item's record of the items section (`SliceWriter.item`).
    mutating func item() -> ClientLedger.DeliveredItem? {
        guard let flags = byte(), let id = int(), let serial = inlineText() else { return nil }
        var agreement: Int64?
        if flags & 1 != 0 { guard let a = int() else { return nil }; agreement = a }
        guard let delivered = day() else { return nil }
        var value: Cents?
        if flags & 2 != 0 { guard let v = int() else { return nil }; value = Cents(v) }
        guard let linkCount = count() else { return nil }
        var invoiceIDs = InvoiceIDList()
        for _ in 0..<linkCount { guard let i = int() else { return nil }; invoiceIDs.append(i) }
        guard let eventCount = count() else { return nil }
        var events: [ItemEvent] = []
        for _ in 0..<eventCount {
            guard let eventFlags = byte(), let kindText = string(), let kind = ItemEvent.Kind(rawValue: kindText),
                  let date = day() else { return nil }
            var note: String?
            if eventFlags & 1 != 0 { guard let n = string() else { return nil }; note = n }
            events.append(ItemEvent(kind: kind, date: date, note: note, outsideNormalCourse: eventFlags & 2 != 0))
        }
        return ClientLedger.DeliveredItem(id: id, serialText: serial, agreementID: agreement, deliveredOn: delivered,
                                          invoiceIDs: invoiceIDs, events: events, value: value)
    }

    /// The delivery spans (`DeliverySpans`) with each item's offset in the items section, or
    /// `nil` on a malformed section.
    mutating func deliverySpans() -> (DeliverySpans, offsets: [Int])? {
        guard let flags = byte(), let count = count() else { return nil }
        var spans: [DeliverySpans.Span] = []
        var offsets: [Int] = []
        spans.reserveCapacity(count)
        offsets.reserveCapacity(count)
        var previous = (id: Int64(0), day: 0, offset: 0)
        for _ in 0..<count {
            // Differences from the span before (`ClientSliceCodec.encode`).
            guard let spanFlags = byte(), let idStep = int(), let dayStep = int(), let dayStep = Int(exactly: dayStep)
            else { return nil }
            let id = previous.id &+ idStep, delivered = previous.day + dayStep
            var first: Day?
            if spanFlags & 1 != 0 { guard let f = int(), let f = Int(exactly: f) else { return nil }; first = Day(ordinal: delivered + f) }
            guard let offsetStep = self.count() else { return nil }
            let offset = previous.offset + offsetStep
            spans.append(DeliverySpans.Span(itemID: id, deliveredOn: Day(ordinal: delivered), firstInvoicedOn: first))
            offsets.append(offset)
            previous = (id, delivered, offset)
        }
        return (DeliverySpans(spans: spans, hasItemEvents: flags & 1 != 0), offsets)
    }

    /// Steps over the delivery spans.
    mutating func skipDeliverySpans() -> Bool {
        guard byte() != nil, let count = count() else { return false }
        for _ in 0..<count {
            guard let spanFlags = byte(), int() != nil, int() != nil, spanFlags & 1 == 0 || int() != nil, self.count() != nil else {
                return false
            }
        }
        return true
    }

    var atEnd: Bool { offset == bytes.count }

    @inline(__always) mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always) mutating func unsigned() -> UInt64? {
        // Most values of a slice are dates, ids and amounts of one to three bytes: those are read
        // without a loop when the longest varint (ten bytes) fits before the end.
        if offset &+ 10 <= bytes.count {
            let b0 = UInt64(bytes[offset])
            if b0 < 0x80 { offset &+= 1; return b0 }
            let b1 = UInt64(bytes[offset &+ 1])
            if b1 < 0x80 { offset &+= 2; return (b0 & 0x7F) | b1 << 7 }
            let b2 = UInt64(bytes[offset &+ 2])
            if b2 < 0x80 { offset &+= 3; return (b0 & 0x7F) | (b1 & 0x7F) << 7 | b2 << 14 }
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let b = bytes[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    @inline(__always) mutating func int() -> Int64? {
        guard let u = unsigned() else { return nil }
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// A count, bounded by the bytes left (every counted element takes at least one byte).
    @inline(__always) mutating func count() -> Int? {
        guard let u = unsigned(), u <= UInt64(bytes.count - offset) else { return nil }
        return Int(u)
    }

    @inline(__always) mutating func day() -> Day? {
        guard let v = int(), let ordinal = Int(exactly: v) else { return nil }
        return Day(ordinal: ordinal)
    }

    /// A string as `InlineText` (kept inline: no allocation for a short one).
    mutating func inlineText() -> InlineText? {
        guard let length = count() else { return nil }
        let text = InlineText(utf8: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
        offset += length
        return text
    }

    /// Steps over the header (`ClientSliceHeader`) without building its strings.
    mutating func skipHeader() -> Bool {
        guard skipString(), let hasName = byte(), hasName == 0 || skipString(), let agreements = count() else { return false }
        for _ in 0..<agreements { guard int() != nil, skipString() else { return false } }
        return true
    }

    mutating func skipString() -> Bool {
        guard let length = count() else { return false }
        offset += length
        return true
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return text
    }
}
