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
/// - the invoices' history (`InvoiceHistory`) behind its length in bytes: per invoice a byte of
///   flags, its limitation day (from its due day), its settling day (from its issue day) and what
///   settled it, then its credits and payment parts, each a kind byte, a day (from the issue day)
///   and an amount (`SliceWriter.history`);
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
        // The invoices' history (`InvoiceHistory`), in invoice order, behind its length in bytes.
        var historySection = SliceWriter()
        historySection.history(InvoiceHistory(ledger), of: ledger)
        w.count(historySection.bytes.count)
        w.bytes.append(contentsOf: historySection.bytes)
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
        return decodeLedger(&r, kind: kindByte == 1 ? .consumer : .business)?.ledger
    }

    /// What `owned` reads for its item: the client's key and name, the reference of agreement
    /// `agreementID`, and the client's ledger — in full, or (`spansFor` an item id, and the client
    /// has no item events) with only that item among its items, the others given by their
    /// delivery spans and their serials kept for reasons that name them (with a `date`, only when
    /// a reason on that date can). `nil` as `decode`.
    static func decodeForLookup(_ bytes: UnsafeRawBufferPointer, agreementID: Int64, spansFor itemID: Int64? = nil,
                                on date: Day? = nil) -> SliceLookup?
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
            guard r.skipDeliverySpans(), let (ledger, _) = decodeLedger(&r, kind: kind) else { return nil }
            return SliceLookup(clientKey: key, clientName: name, agreement: reference, ledger: ledger)
        }
        guard let (deliveries, offsets) = r.deliverySpans() else { return nil }
        guard !deliveries.hasItemEvents, let position = deliveries.spans.firstIndex(where: { $0.itemID == itemID }) else {
            guard let (ledger, _) = decodeLedger(&r, kind: kind) else { return nil }
            return SliceLookup(clientKey: key, clientName: name, agreement: reference, ledger: ledger)
        }
        guard let (ledger, history) = decodeLedger(&r, kind: kind, items: .one(offset: offsets[position]), readingHistory: true),
              ledger.items.first?.id == itemID, let history else { return nil }
        // The items section is kept for the serials a reason may name (`DeliverySerials`), unless
        // no reason on `date` can name another item.
        let needed = date.map { deliveries.namesAnotherDelivery(besides: itemID, on: $0) } ?? true
        let serials = DeliverySerials(itemsSection: needed ? Array(bytes[r.itemsSection]) : [], offsets: needed ? offsets : [])
        return SliceLookup(clientKey: key, clientName: name, agreement: reference, ledger: ledger,
                           deliveries: deliveries, history: history, serials: serials)
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

    /// The lists after the delivery spans, and the invoices' history when `readingHistory` (else
    /// it is stepped over).
    private static func decodeLedger(_ r: inout SliceReader, kind: ClientKind, items items_: ItemSelection = .all,
                                     readingHistory: Bool = false) -> (ledger: ClientLedger, history: InvoiceHistory?)? {

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

        guard let historyLength = r.count(), r.offset + historyLength <= r.bytes.count else { return nil }
        var history: InvoiceHistory?
        if readingHistory {
            var section = SliceReader(bytes: r.bytes, offset: r.offset)
            guard let read = section.history(of: invoices), section.offset == r.offset + historyLength else { return nil }
            history = read
        }
        r.offset += historyLength

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
        return (ClientLedger(clientKind: kind, invoices: invoices, creditNotes: creditNotes, payments: payments,
                             items: items, letters: letters), history)
    }
}
