/// The days on which a client had some claim open that keeps its goods retained under scope
/// `client` (art. 10.1, 3:92 BW) — each goods invoice from its issue until it was paid or
/// credited in full or barred, each delivery from the day it was delivered until its first
/// invoice — over all time, as disjoint blocks of days.
///
/// Why it exists: under scope `client` an item becomes the client's at the first moment from its
/// delivery on which none of these claims is open (`OwnershipRule.decide`). Which days are covered
/// does not depend on the date asked about: a claim still open on that date is open on every day
/// up to it, and a claim opened after it covers only later days. Worked out when the ledger is
/// written and stored with the client's slice, it lets `owned` find that moment from a handful of
/// blocks instead of weighing every delivery of the client (issue 2, Speed).
/// `OwnershipRule.verdict(for:in:coverage:history:deliveries:serial:on:)` answers from it; the
/// tests compare it with the full rule on random ledgers.
///
/// Like `DeliverySpans` it holds for clients without item events (a return or a waiver changes
/// a delivery's claim by date), and it takes the limitation days of the ledger's own letters (the
/// invoices' history).
public struct ClaimCoverage: Sendable, Equatable {
    /// Days `from` up to, not including, `until`; `until` is nil while a claim in it is still open
    /// (a delivery never invoiced).
    public struct Block: Sendable, Equatable {
        public var from: Day
        public var until: Day?

        public init(from: Day, until: Day?) { self.from = from; self.until = until }

        func contains(_ day: Day) -> Bool { from <= day && until.map { day < $0 } ?? true }
    }

    /// A day on which the first invoice of some deliveries was issued, with the earliest of
    /// those deliveries: on that day their claims closed.
    public struct DeliveryClosing: Sendable, Equatable {
        public var day: Day
        public var earliestDelivery: Day

        public init(day: Day, earliestDelivery: Day) { self.day = day; self.earliestDelivery = earliestDelivery }
    }

    /// Every goods invoice's claim and every delivery's, merged, in day order.
    public var claims: [Block]
    /// The deliveries' claims alone, merged: a delivery is uninvoiced on a day inside one.
    public var deliveries: [Block]
    /// In day order.
    public var deliveryClosings: [DeliveryClosing]
    /// Some item of the client has an item event: the coverage does not decide its questions.
    public var hasItemEvents: Bool

    public init(claims: [Block], deliveries: [Block], deliveryClosings: [DeliveryClosing], hasItemEvents: Bool) {
        self.claims = claims; self.deliveries = deliveries; self.deliveryClosings = deliveryClosings
        self.hasItemEvents = hasItemEvents
    }

    /// The coverage of `ledger`, its invoices settled and barred as `history` (the ledger's own) says.
    public init(_ ledger: ClientLedger, history: InvoiceHistory) {
        var deliveryClaims: [Block] = []
        var closings: [Day: Day] = [:]
        for item in ledger.items {
            let invoiced = ledger.firstIssueDay(of: item.invoiceIDs)
            deliveryClaims.append(Block(from: item.deliveredOn, until: invoiced))
            if let invoiced { closings[invoiced] = min(closings[invoiced] ?? item.deliveredOn, item.deliveredOn) }
        }
        var invoiceClaims: [Block] = []
        for (invoice, entry) in zip(ledger.invoices, history.entries) where invoice.isGoods {
            // Open from its issue until paid or credited in full, or barred (`InvoiceClaimDays`).
            let days = InvoiceClaimDays(invoice, entry)
            invoiceClaims.append(Block(from: days.issuedOn, until: days.closesOn))
        }
        claims = Self.merged(deliveryClaims + invoiceClaims)
        deliveries = Self.merged(deliveryClaims)
        hasItemEvents = ledger.items.contains { !$0.events.isEmpty }
        deliveryClosings = closings.map { DeliveryClosing(day: $0.key, earliestDelivery: $0.value) }.sorted { $0.day < $1.day }
    }

    /// The union of `blocks` as disjoint blocks in day order; blocks that cover no day are left out.
    static func merged(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        for block in blocks.sorted(by: { $0.from < $1.from }) where block.until.map({ block.from < $0 }) ?? true {
            if let last = result.last, last.until.map({ block.from <= $0 }) ?? true {
                result[result.count - 1].until = last.until.flatMap { end in block.until.map { max(end, $0) } }
            } else {
                result.append(block)
            }
        }
        return result
    }

    /// The block of `blocks` (disjoint, in day order) that covers `day`.
    static func block(covering day: Day, in blocks: [Block]) -> Block? {
        for block in blocks {
            if block.from > day { return nil }
            if block.contains(day) { return block }
        }
        return nil
    }

    /// The day from which an item delivered on `deliveredOn` is the client's, as seen on `date`
    /// (`nil`: still the supplier's): its delivery when no claim covers that day, else the end
    /// of the block that covers it, when that end is on or before `date` (art. 3:92 BW: the
    /// first moment from delivery at which no claim is open). Only for an item whose own claims
    /// are all in the coverage.
    public func clientOwns(deliveredOn: Day, by date: Day) -> Day? {
        guard let block = Self.block(covering: deliveredOn, in: claims) else { return deliveredOn <= date ? deliveredOn : nil }
        return block.until.flatMap { $0 <= date ? $0 : nil }
    }

    /// Whether some delivery is uninvoiced on `date`: only then can an answer name another
    /// delivery, and only then does it need the client's delivery spans.
    public func hasUninvoicedDelivery(on date: Day) -> Bool {
        Self.block(covering: date, in: deliveries) != nil
    }

    /// Whether the first invoice of a delivery made by `date` was issued on `day`.
    func closesDelivery(on day: Day, deliveredBy date: Day) -> Bool {
        deliveryClosings.contains { $0.day == day && $0.earliestDelivery <= date }
    }
}
