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
/// Layout (format 4, migration `v9-invoice-claim-days`):
/// - a format byte and the client kind;
/// - the header (`ClientSliceHeader`): the client's key, a byte saying whether a name follows and
///   the name, then a counted list of agreement ids and references;
/// - the claim coverage (`ClaimCoverage`): a byte saying whether any item has events, the claims'
///   blocks and the deliveries' blocks (each a counted list of a first day, as a difference from
///   the block before, and a length in days, 0 for a block still open), then the delivery
///   closings (a counted list of days, each from the one before, with the earliest delivery from it);
/// - the item locator behind its length in bytes: a count, then per item its id and its record's
///   offset in the items section, each as a difference from the item before;
/// - the delivery spans' days (`DeliverySpans`) behind their length in bytes: per item a byte of
///   flags, its delivery day (from the item before) and its first invoice day (from its delivery);
/// - the invoices' claim days (`InvoiceClaimDays`) behind their length in bytes: per invoice its
///   id, whether it bills goods, its issue and closing days, and where its record and its history
///   entry start (`SliceWriter.claimDays`), so one item's question reads only the invoices its
///   verdict reads (`OwnershipRule.invoicesRead`);
/// - the invoices behind their length in bytes: a count, then each one's record (its number,
///   agreement, due day, amount and payment id; `SliceWriter.invoice`);
/// - the counted lists of credit notes and payments behind their length in bytes;
/// - the invoices' history (`InvoiceHistory`) behind its length in bytes: per invoice a byte of
///   flags, its limitation day (from its due day), its settling day (from its issue day) and what
///   settled it, then its credits and payment parts, each a kind byte, a day (from the issue day)
///   and an amount (`SliceWriter.history`);
/// - the items: their count, the section's length in bytes, then each item's record (with its
///   invoice ids and events), so a reader can take one item and step over the rest;
/// - the letters, behind their length in bytes.
///
/// Integers are LEB128 varints, signed ones zig-zagged; dates are `Day.ordinal`; strings are a
/// length and UTF-8 bytes; each record starts with a byte of flags saying which optional fields
/// follow. Enumerations are stored by raw value, so reordering a Swift enum cannot change what a
/// stored slice means. Format 1 had no header, no spans and no section length; format 2 no coverage,
/// the locator within the spans, and no lengths before the spans, credit notes and payments and
/// letters; format 3 no claim days, each invoice's id and issue day in its record, and no length
/// before the locator or the invoices.
///
/// A blob whose format byte is not `ClientSliceCodec.format`, or that ends early, decodes to
/// `nil` and the caller rebuilds the slice from its rows: a stale format is slow, never wrong.
enum ClientSliceCodec {
    static let format: UInt8 = 4

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
        let history = InvoiceHistory(ledger)
        w.coverage(ClaimCoverage(ledger, history: history))
        // The items first into their own buffer: the spans name each item's offset in it.
        var itemsSection = SliceWriter()
        var offsets: [Int] = []
        offsets.reserveCapacity(ledger.items.count)
        for item in ledger.items {
            offsets.append(itemsSection.bytes.count)
            itemsSection.item(item)
        }
        // The item locator: each item's id and record offset, as differences from the item before
        // (both grow slowly within a client: mostly a byte each), so one item is found reading two
        // small numbers per item. Then the spans' days behind their length (each delivery from the
        // one before, its first invoice from its delivery), read only when a question needs them.
        let deliveries = DeliverySpans(ledger)
        w.section { locator in
            locator.count(deliveries.spans.count)
            var previous = (id: Int64(0), offset: 0)
            for (span, offset) in zip(deliveries.spans, offsets) {
                locator.int(span.itemID &- previous.id)
                locator.count(offset - previous.offset)
                previous = (span.itemID, offset)
            }
        }
        w.section { days in
            var previousDay = 0
            for span in deliveries.spans {
                days.byte(span.firstInvoicedOn != nil ? 1 : 0)
                days.int(Int64(span.deliveredOn.ordinal - previousDay))
                if let first = span.firstInvoicedOn { days.int(Int64(first.ordinal - span.deliveredOn.ordinal)) }
                previousDay = span.deliveredOn.ordinal
            }
        }
        // The invoices and their history first into buffers of their own: the claim days that
        // come before them name where each invoice's record and history entry start.
        var invoicesSection = SliceWriter()
        invoicesSection.count(ledger.invoices.count)
        var records: [Int] = []
        records.reserveCapacity(ledger.invoices.count)
        for invoice in ledger.invoices {
            records.append(invoicesSection.bytes.count)
            invoicesSection.invoice(invoice)
        }
        var historySection = SliceWriter()
        let entries = historySection.history(history, of: ledger)
        let claims = zip(ledger.invoices, history.entries).map { InvoiceClaimDays($0, $1) }
        w.section { $0.claimDays(claims, records: records, entries: entries) }
        w.section(invoicesSection)
        // Credit notes and payments behind their length in bytes: one item's question steps over them.
        w.section { section in
            section.count(ledger.creditNotes.count)
            for note in ledger.creditNotes { section.creditNote(note) }
            section.count(ledger.payments.count)
            for payment in ledger.payments { section.payment(payment) }
        }
        // The invoices' history (`InvoiceHistory`), in invoice order, behind its length in bytes.
        w.section(historySection)
        w.count(ledger.items.count)
        w.section(itemsSection)
        // Letters by invoice id, in id order so equal ledgers encode to equal bytes, behind their length.
        w.section { section in
            let letterKeys = ledger.letters.keys.sorted()
            section.count(letterKeys.count)
            for invoice in letterKeys {
                let letters = ledger.letters[invoice] ?? []
                section.int(invoice); section.count(letters.count)
                for letter in letters { section.string(letter.kind.rawValue); section.day(letter.sentOn) }
            }
        }
        return w.bytes
    }

    /// The ledger encoded in `bytes`, or `nil` when they are not a complete slice of this format.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> ClientLedger? {
        var r = SliceReader(bytes: bytes)
        guard r.byte() == format, let kindByte = r.byte(), r.skipHeader(), r.coverage() != nil, r.skipDeliverySpans() else { return nil }
        return decodeLedger(&r, kind: kindByte == 1 ? .consumer : .business)?.ledger
    }

    /// What `owned` reads for its item: the client's key and name and the reference of agreement
    /// `agreementID` (returned), and into `answer` the client's ledger — in full, or (`spansFor`
    /// an item id, and the client has no item events) with that item only and its invoices (on a
    /// date, only those the rule reads: `OwnershipRule.invoicesRead`), the client's claim coverage
    /// and invoices' history beside it. The delivery spans, and the serials of the other
    /// deliveries, are read only when the rule needs them for that item on `date` (always without
    /// a date): `OwnershipRule.needsDeliverySpans`. `nil` as `decode` (`answer` then unchanged).
    ///
    /// The answer is written in place rather than returned: returned inside a larger value, it
    /// was copied on the way out, a reference count for each of its lists.
    static func decodeForLookup(_ bytes: UnsafeRawBufferPointer, agreementID: Int64, spansFor itemID: Int64? = nil,
                                on date: Day? = nil, into answer: inout OwnershipLookup) -> SliceNames?
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
        let names = SliceNames(clientKey: key, clientName: name, agreement: reference)
        let kind: ClientKind = kindByte == 1 ? .consumer : .business
        guard let coverage = r.coverage() else { return nil }
        let spansStart = r.offset
        // The item's record is found through the item locator; a client with item events is read in full.
        let located = coverage.hasItemEvents ? nil : itemID.flatMap { r.locate(item: $0) }
        guard let itemID, let offset = located else {
            r.offset = spansStart
            guard r.skipDeliverySpans(), let (ledger, _) = decodeLedger(&r, kind: kind) else { return nil }
            answer.ledger = ledger
            return names
        }
        // (Bound with `consume`: a copy of the ledger would cost a reference count per list.)
        let decoded = date.flatMap { decodeInvoicesRead(&r, kind: kind, itemOffset: offset, coverage: coverage, on: $0) }
            ?? decodeLedger(&r, kind: kind, items: .one(offset: offset), forOneQuestion: true)
        guard let (ledger, history) = consume decoded, let item = ledger.items.first, item.id == itemID, let history else { return nil }
        let needsSpans = date.map { OwnershipRule(scope: .client).needsDeliverySpans(for: item, in: ledger, coverage: coverage, on: $0) } ?? true
        var deliveries: DeliverySpans?
        var serials: DeliverySerials?
        if needsSpans {
            var spansReader = SliceReader(bytes: bytes, offset: spansStart)
            guard let spans = spansReader.deliverySpans(hasItemEvents: false) else { return nil }
            // The items section and the records' offsets are kept for the serials a reason may name
            // (`DeliverySerials`), unless no reason on `date` can name another item.
            serials = DeliverySerials(itemsSection: [], offsets: [])
            if date.map({ spans.namesAnotherDelivery(besides: itemID, on: $0) }) ?? true {
                var offsetsReader = SliceReader(bytes: bytes, offset: spansStart)
                guard let offsets = offsetsReader.recordOffsets() else { return nil }
                serials = DeliverySerials(itemsSection: Array(bytes[r.itemsSection]), offsets: offsets)
            }
            deliveries = spans
        }
        answer.ledger = ledger
        answer.coverage = coverage
        answer.history = history
        answer.deliveries = deliveries
        answer.serials = serials
        return names
    }

    /// `decodeForLookup(_:agreementID:spansFor:on:into:)` with its answer beside its names (for tests).
    static func decodeForLookup(_ bytes: UnsafeRawBufferPointer, agreementID: Int64, spansFor itemID: Int64? = nil,
                                on date: Day? = nil) -> SliceLookup? {
        var answer = OwnershipLookup(items: [])
        guard let names = decodeForLookup(bytes, agreementID: agreementID, spansFor: itemID, on: date, into: &answer) else { return nil }
        return SliceLookup(names: names, answer: answer)
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

    /// For one item's question on `date` (`decodeForLookup`): the ledger with the item whose record
    /// is at `itemOffset` of the items section and only the invoices `OwnershipRule.invoicesRead`
    /// names, with their history: the rule picks them from the invoices' claim days, and the
    /// named ones are read at the offsets those give, the others not at all. `r` is at the claim
    /// days. `nil` — with `r` where it was — when the rule reads every invoice, or when the bytes
    /// are malformed (`decodeLedger` then reads them all, and tells a malformed slice).
    private static func decodeInvoicesRead(_ r: inout SliceReader, kind: ClientKind, itemOffset: Int,
                                           coverage: ClaimCoverage, on date: Day) -> (ledger: ClientLedger, history: InvoiceHistory?)? {
        var scan = r
        guard let claimDaysSection = scan.section(), let invoicesSection = scan.section(),
              scan.section() != nil, let historySection = scan.section(),  // credit notes and payments, then the history
              scan.count() != nil, let itemsSection = scan.section(), scan.section() != nil, scan.atEnd,  // the items, the letters
              itemsSection.lowerBound + itemOffset < itemsSection.upperBound
        else { return nil }
        var daysReader = SliceReader(bytes: scan.bytes, offset: claimDaysSection.lowerBound)
        var one = SliceReader(bytes: scan.bytes, offset: itemsSection.lowerBound + itemOffset)
        guard let (claims, starts) = daysReader.claimDays(), daysReader.offset == claimDaysSection.upperBound,
              let item = one.item(),
              let read = OwnershipRule(scope: .client).invoicesRead(for: item, among: claims, coverage: coverage, on: date)
        else { return nil }

        var invoices: [ClientLedger.Invoice] = []
        var historyEntries: [InvoiceHistory.Entry] = []
        var reductions: [InvoiceHistory.Reduction] = []
        invoices.reserveCapacity(read.count)
        historyEntries.reserveCapacity(read.count)
        reductions.reserveCapacity(read.count * 2)
        for index in read {
            let recordAt = invoicesSection.lowerBound + starts[2 * index], entryAt = historySection.lowerBound + starts[2 * index + 1]
            guard recordAt < invoicesSection.upperBound, entryAt < historySection.upperBound else { return nil }
            var record = SliceReader(bytes: scan.bytes, offset: recordAt)
            var entry = SliceReader(bytes: scan.bytes, offset: entryAt)
            guard let invoice = record.invoice(claims[index]),
                  let history = entry.historyEntry(invoiceID: invoice.id, issuedOn: invoice.issueDate, dueOn: invoice.dueDate,
                                                   into: &reductions)
            else { return nil }
            invoices.append(invoice)
            historyEntries.append(history)
        }
        scan.itemsSection = itemsSection
        r = scan
        return (ClientLedger(clientKind: kind, invoices: invoices, creditNotes: [], payments: [], items: [item], letters: [:]),
                InvoiceHistory(entries: historyEntries, reductions: reductions))
    }

    /// Which items `decodeLedger` builds: all, or the one whose record starts at an offset of the items section.
    private enum ItemSelection { case all, one(offset: Int) }

    /// The lists after the delivery spans. `forOneQuestion` (one item's question under scope
    /// client, `decodeForLookup`) also reads the invoices' history and jumps over the credit
    /// notes, payments and letters instead of building them: the history holds all the rule then
    /// reads of them (their reductions, the settling and the limitation day), so the ledger comes
    /// back with its invoices and the selected item only.
    private static func decodeLedger(_ r: inout SliceReader, kind: ClientKind, items items_: ItemSelection = .all,
                                     forOneQuestion: Bool = false) -> (ledger: ClientLedger, history: InvoiceHistory?)? {

        guard let claimDaysSection = r.section(), let invoicesSection = r.section() else { return nil }
        var daysReader = SliceReader(bytes: r.bytes, offset: claimDaysSection.lowerBound)
        var records = SliceReader(bytes: r.bytes, offset: invoicesSection.lowerBound)
        guard let (claims, starts) = daysReader.claimDays(), daysReader.offset == claimDaysSection.upperBound,
              records.count() == claims.count else { return nil }
        var invoices: [ClientLedger.Invoice] = []
        invoices.reserveCapacity(claims.count)
        for index in claims.indices {
            guard records.offset == invoicesSection.lowerBound + starts[2 * index], let invoice = records.invoice(claims[index])
            else { return nil }
            invoices.append(invoice)
        }
        guard records.offset == invoicesSection.upperBound else { return nil }

        var creditNotes: [ClientLedger.CreditNote] = []
        var payments: [ClientLedger.Payment] = []
        guard let notesAndPayments = r.section() else { return nil }
        if !forOneQuestion {
            var section = SliceReader(bytes: r.bytes, offset: notesAndPayments.lowerBound)
            guard let creditCount = section.count() else { return nil }
            creditNotes.reserveCapacity(creditCount)
            for _ in 0..<creditCount {
                guard let note = section.creditNote() else { return nil }
                creditNotes.append(note)
            }
            guard let paymentCount = section.count() else { return nil }
            payments.reserveCapacity(paymentCount)
            for _ in 0..<paymentCount {
                guard let payment = section.payment() else { return nil }
                payments.append(payment)
            }
            guard section.offset == notesAndPayments.upperBound else { return nil }
        }

        guard let historySection = r.section() else { return nil }
        var history: InvoiceHistory?
        if forOneQuestion {
            var section = SliceReader(bytes: r.bytes, offset: historySection.lowerBound)
            guard let read = section.history(of: invoices), section.offset == historySection.upperBound else { return nil }
            history = read
        }

        guard let itemCount = r.count(), let itemsSection = r.section() else { return nil }
        r.itemsSection = itemsSection
        var items: [ClientLedger.DeliveredItem] = []
        switch items_ {
        case .all:
            var section = SliceReader(bytes: r.bytes, offset: itemsSection.lowerBound)
            items.reserveCapacity(itemCount)
            for _ in 0..<itemCount {
                guard let item = section.item() else { return nil }
                items.append(item)
            }
            guard section.offset == itemsSection.upperBound else { return nil }
        case .one(let offset):
            // Only the item asked about; the others are stepped over whole.
            var one = SliceReader(bytes: r.bytes, offset: itemsSection.lowerBound + offset)
            guard itemsSection.lowerBound + offset < itemsSection.upperBound, let item = one.item() else { return nil }
            items = [item]
        }

        var letters: [Int64: [DunningLetter]] = [:]
        guard let lettersSection = r.section() else { return nil }
        if !forOneQuestion {
            var section = SliceReader(bytes: r.bytes, offset: lettersSection.lowerBound)
            guard let letterKeyCount = section.count() else { return nil }
            for _ in 0..<letterKeyCount {
                guard let invoice = section.int(), let count = section.count() else { return nil }
                var list: [DunningLetter] = []
                for _ in 0..<count {
                    guard let kindText = section.string(), let kind = DunningLetter.Kind(rawValue: kindText), let sent = section.day()
                    else { return nil }
                    list.append(DunningLetter(kind: kind, sentOn: sent))
                }
                letters[invoice] = list
            }
            guard section.offset == lettersSection.upperBound else { return nil }
        }
        guard r.atEnd else { return nil }
        return (ClientLedger(clientKind: kind, invoices: invoices, creditNotes: creditNotes, payments: payments,
                             items: items, letters: letters), history)
    }
}
