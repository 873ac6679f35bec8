import Foundation
import TitleholdCore

/// Appends varints and strings to a byte array.
struct SliceWriter {
    var bytes: [UInt8] = []

    /// The invoices' history (`InvoiceHistory`), in the order of `ledger.invoices`: per invoice a
    /// byte of flags, the limitation day (from the due day), then what the flags announce — bit 0
    /// a settling day (from the issue day), bits 1–2 what settled it (1 a payment: its id follows;
    /// 2 a credit note: its number follows; 3 nothing was owed) — then its reductions. Returns
    /// where each invoice's entry starts.
    mutating func history(_ history: InvoiceHistory, of ledger: ClientLedger) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(history.entries.count)
        for (entry, invoice) in zip(history.entries, ledger.invoices) {
            starts.append(bytes.count)
            var flags: UInt8 = entry.settledOn != nil ? 1 : 0
            switch entry.settledBy {
            case .payment?: flags |= 1 << 1
            case .creditNote?: flags |= 2 << 1
            case .nothingOwed?: flags |= 3 << 1
            case nil: break
            }
            byte(flags)
            int(Int64(entry.barredFrom.ordinal - invoice.dueDate.ordinal))
            if let settled = entry.settledOn { int(Int64(settled.ordinal - invoice.issueDate.ordinal)) }
            switch entry.settledBy {
            case .payment(let id)?: int(id)
            case .creditNote(let number)?: string(number)
            case .nothingOwed?, nil: break
            }
            count(entry.reductions.count)
            for reduction in history.reductions[entry.reductions] {
                let credit = reduction.credited != .zero
                byte(credit ? 1 : 0)
                int(Int64(reduction.day.ordinal - invoice.issueDate.ordinal))
                int(credit ? reduction.credited.value : reduction.paid.value)
            }
        }
        return starts
    }

    /// The invoices' claim days (`InvoiceClaimDays`) with where each invoice's record and history
    /// entry start in their sections: a count, then per invoice a byte of flags (bit 0 a goods
    /// invoice, bit 1 a closing day follows), its id and issue day (each from the invoice before),
    /// its closing day (from its issue day), and the two offsets (each from the invoice before).
    mutating func claimDays(_ claims: [InvoiceClaimDays], records: [Int], entries: [Int]) {
        count(claims.count)
        var previous = (id: Int64(0), issue: 0, record: 0, entry: 0)
        for (index, claim) in claims.enumerated() {
            byte((claim.isGoods ? 1 : 0) | (claim.closesOn != nil ? 2 : 0))
            int(claim.id &- previous.id)
            int(Int64(claim.issuedOn.ordinal - previous.issue))
            if let closes = claim.closesOn { int(Int64(closes.ordinal - claim.issuedOn.ordinal)) }
            count(records[index] - previous.record)
            count(entries[index] - previous.entry)
            previous = (claim.id, claim.issuedOn.ordinal, records[index], entries[index])
        }
    }

    /// The claim coverage (`ClaimCoverage`): blocks as a first day (from the block before) and a
    /// length in days (0: still open), closings as a day (from the one before) and the earliest
    /// delivery (from that day).
    mutating func coverage(_ coverage: ClaimCoverage) {
        byte(coverage.hasItemEvents ? 1 : 0)
        for blocks in [coverage.claims, coverage.deliveries] {
            count(blocks.count)
            var previous = 0
            for block in blocks {
                int(Int64(block.from.ordinal - previous))
                unsigned(UInt64(block.until.map { $0.ordinal - block.from.ordinal } ?? 0))
                previous = block.from.ordinal
            }
        }
        count(coverage.deliveryClosings.count)
        var previous = 0
        for closing in coverage.deliveryClosings {
            int(Int64(closing.day.ordinal - previous))
            int(Int64(closing.earliestDelivery.ordinal - closing.day.ordinal))
            previous = closing.day.ordinal
        }
    }

    /// One invoice's record: a byte of flags (bit 0 an agreement follows, bit 1 a payment id), its
    /// number, the agreement, its due day (from its issue day), the amount payable and the payment
    /// id. Its id, issue day and whether it bills goods are in its claim days (`claimDays`).
    mutating func invoice(_ invoice: ClientLedger.Invoice) {
        byte((invoice.agreementID != nil ? 1 : 0) | (invoice.paymentID != nil ? 2 : 0))
        string(invoice.number)
        if let agreement = invoice.agreementID { int(agreement) }
        int(Int64(invoice.dueDate.ordinal - invoice.issueDate.ordinal)); int(invoice.payable.value)
        if let paymentID = invoice.paymentID { string(paymentID) }
    }

    /// One credit note's record: a byte of flags (bit 0 the invoice it credits follows), its
    /// number, issue day and amount, and that invoice's id.
    mutating func creditNote(_ note: ClientLedger.CreditNote) {
        byte(note.invoiceID != nil ? 1 : 0)
        string(note.number); day(note.issueDate); int(note.amount.value)
        if let invoice = note.invoiceID { int(invoice) }
    }

    /// One payment's record: a byte of flags (bit 0 the invoice it names follows), its id, booking
    /// day and amount, and that invoice's id.
    mutating func payment(_ payment: ClientLedger.Payment) {
        byte(payment.invoiceID != nil ? 1 : 0)
        int(payment.id); day(payment.bookingDate); int(payment.amount.value)
        if let invoice = payment.invoiceID { int(invoice) }
    }

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

    /// What `write` writes, behind its length in bytes, so a reader can step over it whole.
    mutating func section(_ write: (inout SliceWriter) -> Void) {
        var inner = SliceWriter()
        write(&inner)
        section(inner)
    }

    /// What `inner` wrote, behind its length in bytes.
    mutating func section(_ inner: SliceWriter) {
        count(inner.bytes.count)
        bytes.append(contentsOf: inner.bytes)
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

    /// The delivery spans (`DeliverySpans`) from the item locator and the spans' days that follow
    /// it, or `nil` when malformed; whether the client has item events is the coverage's to say.
    mutating func deliverySpans(hasItemEvents: Bool) -> DeliverySpans? {
        guard let locator = section() else { return nil }
        var entries = SliceReader(bytes: bytes, offset: locator.lowerBound)
        guard let count = entries.count() else { return nil }
        var spans: [DeliverySpans.Span] = []
        spans.reserveCapacity(count)
        var id: Int64 = 0
        for _ in 0..<count {
            guard let step = entries.int(), entries.skipVarint() else { return nil }
            id &+= step
            spans.append(DeliverySpans.Span(itemID: id, deliveredOn: Day(ordinal: 0), firstInvoicedOn: nil))
        }
        guard entries.offset == locator.upperBound, let days = section() else { return nil }
        offset = days.lowerBound
        var day = 0
        for index in spans.indices {
            guard let spanFlags = byte(), let step = int(), let step = Int(exactly: step) else { return nil }
            day += step
            spans[index].deliveredOn = Day(ordinal: day)
            if spanFlags & 1 != 0 {
                guard let f = int(), let f = Int(exactly: f) else { return nil }
                spans[index].firstInvoicedOn = Day(ordinal: day + f)
            }
        }
        guard offset == days.upperBound else { return nil }
        return DeliverySpans(spans: spans, hasItemEvents: hasItemEvents)
    }

    /// The offset in the items section of item `itemID`'s record, from the item locator, and steps
    /// over the locator and the spans' days (nothing is built); `nil` when no item is `itemID`, or
    /// when malformed. The locator is read only up to the item.
    mutating func locate(item itemID: Int64) -> Int? {
        guard let locator = section(), section() != nil else { return nil }  // the locator, then the spans' days
        var entries = SliceReader(bytes: bytes, offset: locator.lowerBound)
        guard let count = entries.count() else { return nil }
        var id: Int64 = 0, offset = 0
        for _ in 0..<count {
            guard entries.offset < locator.upperBound, let idStep = entries.int(), let offsetStep = entries.count() else { return nil }
            id &+= idStep
            offset += offsetStep
            if id == itemID { return offset }
        }
        return nil
    }

    /// Each delivery's record offset in the items section, from the item locator (a reason
    /// names another item's serial only now and then, so `locate` keeps none).
    mutating func recordOffsets() -> [Int]? {
        guard let locator = section() else { return nil }
        var entries = SliceReader(bytes: bytes, offset: locator.lowerBound)
        guard let count = entries.count() else { return nil }
        var offsets: [Int] = []
        offsets.reserveCapacity(count)
        var offset = 0
        for _ in 0..<count {
            guard entries.skipVarint(), let step = entries.count() else { return nil }
            offset += step
            offsets.append(offset)
        }
        return entries.offset == locator.upperBound ? offsets : nil
    }

    /// Steps over the item locator and the spans' days.
    mutating func skipDeliverySpans() -> Bool {
        section() != nil && section() != nil
    }

    /// The invoices' claim days as `SliceWriter.claimDays` wrote them, with where each invoice's
    /// record and history entry start in their sections (invoice `i`'s at `starts[2 * i]` and
    /// `starts[2 * i + 1]`: one list, not two); `nil` when malformed.
    mutating func claimDays() -> (claims: [InvoiceClaimDays], starts: [Int])? {
        guard let count = count() else { return nil }
        var claims: [InvoiceClaimDays] = [], starts: [Int] = []
        claims.reserveCapacity(count); starts.reserveCapacity(2 * count)
        var previous = (id: Int64(0), issue: 0, record: 0, entry: 0)
        for _ in 0..<count {
            guard let flags = byte(), let idStep = int(), let issueStep = int(), let issueStep = Int(exactly: issueStep)
            else { return nil }
            let issue = previous.issue + issueStep
            var closes: Day?
            if flags & 2 != 0 { guard let c = int(), let c = Int(exactly: c) else { return nil }; closes = Day(ordinal: issue + c) }
            guard let recordStep = self.count(), let entryStep = self.count() else { return nil }
            previous = (previous.id &+ idStep, issue, previous.record + recordStep, previous.entry + entryStep)
            claims.append(InvoiceClaimDays(id: previous.id, isGoods: flags & 1 != 0, issuedOn: Day(ordinal: issue), closesOn: closes))
            starts.append(previous.record)
            starts.append(previous.entry)
        }
        return (claims, starts)
    }

    /// The claim coverage as `SliceWriter.coverage` wrote it, or `nil` when malformed.
    mutating func coverage() -> ClaimCoverage? {
        func blocks(_ r: inout SliceReader) -> [ClaimCoverage.Block]? {
            guard let count = r.count() else { return nil }
            var blocks: [ClaimCoverage.Block] = []
            blocks.reserveCapacity(count)
            var previous = 0
            for _ in 0..<count {
                // A length in days, not a count of what follows: not bounded by the bytes left.
                guard let step = r.int(), let step = Int(exactly: step), let days = r.unsigned(), let length = Int(exactly: days)
                else { return nil }
                let from = previous + step
                blocks.append(ClaimCoverage.Block(from: Day(ordinal: from), until: length == 0 ? nil : Day(ordinal: from + length)))
                previous = from
            }
            return blocks
        }
        guard let flags = byte(), let claims = blocks(&self), let deliveries = blocks(&self) else { return nil }
        guard let count = count() else { return nil }
        var closings: [ClaimCoverage.DeliveryClosing] = []
        closings.reserveCapacity(count)
        var previous = 0
        for _ in 0..<count {
            guard let step = int(), let step = Int(exactly: step), let back = int(), let back = Int(exactly: back) else { return nil }
            let day = previous + step
            closings.append(ClaimCoverage.DeliveryClosing(day: Day(ordinal: day), earliestDelivery: Day(ordinal: day + back)))
            previous = day
        }
        return ClaimCoverage(claims: claims, deliveries: deliveries, deliveryClosings: closings, hasItemEvents: flags & 1 != 0)
    }

    /// The invoices' history as `SliceWriter.history` wrote it for `invoices`, or `nil` when malformed.
    mutating func history(of invoices: [ClientLedger.Invoice]) -> InvoiceHistory? {
        var entries: [InvoiceHistory.Entry] = []
        var reductions: [InvoiceHistory.Reduction] = []
        entries.reserveCapacity(invoices.count)
        reductions.reserveCapacity(invoices.count * 2)
        // The invoices' fields are read in place: a copy of each would retain its strings.
        for index in invoices.indices {
            guard let entry = historyEntry(invoiceID: invoices[index].id, issuedOn: invoices[index].issueDate,
                                           dueOn: invoices[index].dueDate, into: &reductions) else { return nil }
            entries.append(entry)
        }
        return InvoiceHistory(entries: entries, reductions: reductions)
    }

    /// One invoice's history entry (`SliceWriter.history`), its reductions appended to `reductions`.
    mutating func historyEntry(invoiceID: Int64, issuedOn: Day, dueOn: Day,
                               into reductions: inout [InvoiceHistory.Reduction]) -> InvoiceHistory.Entry? {
        guard let flags = byte(), let barredStep = int(), let barredStep = Int(exactly: barredStep) else { return nil }
        let issued = issuedOn.ordinal
        var settledOn: Day?
        if flags & 1 != 0 { guard let step = int(), let step = Int(exactly: step) else { return nil }; settledOn = Day(ordinal: issued + step) }
        var settledBy: PaymentAllocation.Settlement?
        switch (flags >> 1) & 3 {
        case 1: guard let id = int() else { return nil }; settledBy = .payment(id: id)
        case 2: guard let number = string() else { return nil }; settledBy = .creditNote(number: number)
        case 3: settledBy = .nothingOwed
        default: break
        }
        guard let count = count() else { return nil }
        let start = reductions.count
        for _ in 0..<count {
            guard let kind = byte(), let step = int(), let step = Int(exactly: step), let amount = int() else { return nil }
            let day = Day(ordinal: issued + step)
            reductions.append(kind & 1 != 0 ? .init(day: day, credited: Cents(amount), paid: .zero)
                                             : .init(day: day, credited: .zero, paid: Cents(amount)))
        }
        return InvoiceHistory.Entry(invoiceID: invoiceID, barredFrom: Day(ordinal: dueOn.ordinal + barredStep),
                                    settledOn: settledOn, settledBy: settledBy, reductions: start..<reductions.count)
    }

    /// One credit note's record (`SliceWriter.creditNote`).
    mutating func creditNote() -> ClientLedger.CreditNote? {
        guard let flags = byte(), let number = string(), let issue = day(), let amount = int() else { return nil }
        var invoice: Int64?
        if flags & 1 != 0 { guard let i = int() else { return nil }; invoice = i }
        return ClientLedger.CreditNote(number: number, issueDate: issue, amount: Cents(amount), invoiceID: invoice)
    }

    /// One payment's record (`SliceWriter.payment`).
    mutating func payment() -> ClientLedger.Payment? {
        guard let flags = byte(), let id = int(), let booked = day(), let amount = int() else { return nil }
        var invoice: Int64?
        if flags & 1 != 0 { guard let i = int() else { return nil }; invoice = i }
        return ClientLedger.Payment(id: id, bookingDate: booked, amount: Cents(amount), invoiceID: invoice)
    }

    /// One invoice's record (`SliceWriter.invoice`), with what its claim days say of it.
    mutating func invoice(_ claim: InvoiceClaimDays) -> ClientLedger.Invoice? {
        guard let flags = byte(), let number = string() else { return nil }
        var agreement: Int64?
        if flags & 1 != 0 { guard let a = int() else { return nil }; agreement = a }
        guard let dueStep = int(), let dueStep = Int(exactly: dueStep), let payable = int() else { return nil }
        var paymentID: InlineText?
        if flags & 2 != 0 { guard let p = inlineText() else { return nil }; paymentID = p }
        return ClientLedger.Invoice(id: claim.id, number: number, agreementID: agreement, isGoods: claim.isGoods,
                                    issueDate: claim.issuedOn, dueDate: Day(ordinal: claim.issuedOn.ordinal + dueStep),
                                    payable: Cents(payable), paymentIDText: paymentID)
    }

    var atEnd: Bool { offset == bytes.count }

    /// Steps over one varint without working out its value.
    @inline(__always) mutating func skipVarint() -> Bool {
        let end = min(bytes.count, offset &+ 10)
        while offset < end {
            let b = bytes[offset]
            offset &+= 1
            if b < 0x80 { return true }
        }
        return false
    }

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

    mutating func skipString() -> Bool { section() != nil }

    /// A section behind its length in bytes (`SliceWriter.section`, and a string's bytes): where
    /// it lies, with the reader moved past it.
    mutating func section() -> Range<Int>? {
        guard let length = count() else { return nil }
        defer { offset += length }
        return offset..<(offset + length)
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return text
    }
}
