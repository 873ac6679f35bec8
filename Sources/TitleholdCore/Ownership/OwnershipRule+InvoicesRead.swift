/// An invoice's claim as far as it can be told without reading the invoice in full: whether it
/// is a goods invoice, the day it opened (the issue day) and the first day it is closed — paid or
/// credited in full, or barred (art. 3:92(3) BW), whichever comes first; none while neither. None
/// of it depends on the date asked about (`InvoiceHistory` holds the settling and the limitation).
public struct InvoiceClaimDays: Sendable, Equatable {
    public var id: Int64
    public var isGoods: Bool
    public var issuedOn: Day
    public var closesOn: Day?

    public init(id: Int64, isGoods: Bool, issuedOn: Day, closesOn: Day?) {
        self.id = id; self.isGoods = isGoods; self.issuedOn = issuedOn; self.closesOn = closesOn
    }

    /// From an invoice and its history entry.
    public init(_ invoice: ClientLedger.Invoice, _ entry: InvoiceHistory.Entry) {
        let barred = entry.barredFrom
        self.init(id: invoice.id, isGoods: invoice.isGoods, issuedOn: invoice.issueDate,
                  closesOn: entry.settledOn.map { min($0, barred) } ?? barred)
    }
}

extension OwnershipRule {
    /// The invoices `verdict(for:in:coverage:history:deliveries:serial:on:)` reads for `item` on
    /// `date`, by their positions in `invoices` (the client's, in ledger order), or `nil` when it
    /// reads them all. Given a ledger with only these invoices (and a history of only their
    /// entries) it gives the same verdict as with all of them (issue 2, Speed: the store then
    /// reads a few of a client's invoices instead of every one).
    ///
    /// What the verdict reads of the invoices (art. 10.1 under scope `client`, 3:92 BW):
    /// - the item's own invoices, always: whether each is a goods invoice, its first issue day, and
    ///   its claim in front of the others;
    /// - while the item stays the supplier's, the goods invoices whose claim is open on `date`
    ///   (issued by then, not yet closed): those are the reasons;
    /// - once the client owns it, the goods invoices whose claim closed at that moment. When none
    ///   did and no delivery's claim closed then either, every closed claim tells how: all are read.
    ///
    /// All are read, too, when the coverage does not answer the question (an own invoice that is
    /// not a goods invoice, or limitation interruptions of the rule's own).
    public func invoicesRead(for item: ClientLedger.DeliveredItem, among invoices: [InvoiceClaimDays],
                             coverage: ClaimCoverage, on date: Day) -> [Int]? {
        guard limitationInterruptions.isEmpty else { return nil }
        let delivered = item.deliveredOn <= date
        let moment = delivered ? coverage.clientOwns(deliveredOn: item.deliveredOn, by: date) : nil
        var read: [Int] = []
        read.reserveCapacity(min(invoices.count, 8))  // a few, as a rule: no regrowing
        var someClosesAtMoment = false
        for index in invoices.indices {
            let claim = invoices[index]
            if item.invoiceIDs.contains(claim.id) {
                guard claim.isGoods else { return nil }
                read.append(index)
                if let moment, claim.issuedOn <= date, claim.closesOn == moment { someClosesAtMoment = true }
                continue
            }
            guard delivered, claim.isGoods, claim.issuedOn <= date else { continue }
            if let moment {
                guard claim.closesOn == moment else { continue }
                someClosesAtMoment = true
            } else if let closes = claim.closesOn, closes <= date {
                continue
            }
            read.append(index)
        }
        if let moment, !someClosesAtMoment, !coverage.closesDelivery(on: moment, deliveredBy: date) { return nil }
        return read
    }
}
