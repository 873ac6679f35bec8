/// What the repossession rule (art. 10.3) needs to know about one delivered item on one date.
/// Every part must be evaluated for that same date.
public struct RepossessionCase: Sendable {
    /// An invoice in the item's ownership scope with its dunning status on the date.
    public struct ScopeInvoice: Sendable, Hashable {
        public var number: String
        /// `DunningTimeline.evaluate` of the invoice on the date (`isInDefault` decides art. 10.3).
        public var dunning: DunningStatus

        public init(number: String, dunning: DunningStatus) { self.number = number; self.dunning = dunning }
    }

    public var item: ClientLedger.DeliveredItem
    /// `OwnershipRule.verdict` for the item on the date, under the scope used for `scopeInvoices`.
    public var ownership: OwnershipVerdict
    /// The invoices in the item's ownership scope (`OwnershipRule.invoicesInScope`), paid or not:
    /// art. 10.3 only lets a default on these count, because retention secures only them (10.1).
    public var scopeInvoices: [ScopeInvoice]
    public var clientStatus: ClientStatusHistory
    /// The days notices to the tax collector (ontvanger) were sent for the client's goods (art. 22bis(2) Iw).
    public var taxNotices: [Day]
    /// The value at contracting of the client's retained goods still on its premises; EUR 10,000
    /// or more needs a notice to the tax collector (22bis(17) Iw with art. 1cj Uitvoeringsregeling Iw 1990).
    public var retainedValueOnPremises: Cents

    public init(item: ClientLedger.DeliveredItem, ownership: OwnershipVerdict, scopeInvoices: [ScopeInvoice],
                clientStatus: ClientStatusHistory = ClientStatusHistory(), taxNotices: [Day] = [],
                retainedValueOnPremises: Cents = .zero) {
        self.item = item; self.ownership = ownership; self.scopeInvoices = scopeInvoices
        self.clientStatus = clientStatus; self.taxNotices = taxNotices; self.retainedValueOnPremises = retainedValueOnPremises
    }

    /// Builds the case from a client's ledger the way the service does: the ownership verdict of
    /// `rule`, and the dunning status on `date` of every invoice in the item's scope, from its
    /// outstanding amount on that date (payments and credit notes, art. 6:43–6:44 BW) and the
    /// letters recorded in `ledger.letters`.
    public init(item: ClientLedger.DeliveredItem, in ledger: ClientLedger, on date: Day,
                ownershipRule: OwnershipRule = OwnershipRule(), clientStatus: ClientStatusHistory = ClientStatusHistory(),
                taxNotices: [Day] = [], retainedValueOnPremises: Cents = .zero,
                calendar: BusinessCalendar = .statutoryTerms, settings: DunningSettings = .standard) {
        let allocation = PaymentAllocation(ledger, asOf: date)
        let invoices = ownershipRule.invoicesInScope(for: item, in: ledger, on: date).map { invoice in
            let open = allocation.balance(of: invoice.id)?.outstanding ?? invoice.payable
            let dunning = DunningTimeline.evaluate(
                DunningCase(dueDate: invoice.dueDate, clientKind: ledger.clientKind, isSaleOfGoods: invoice.isGoods,
                            openAmount: open, letters: ledger.letters[invoice.id] ?? []),
                today: date, calendar: calendar, settings: settings)
            return ScopeInvoice(number: invoice.number, dunning: dunning)
        }
        self.init(item: item, ownership: ownershipRule.verdict(for: item, in: ledger, on: date), scopeInvoices: invoices,
                  clientStatus: clientStatus, taxNotices: taxNotices, retainedValueOnPremises: retainedValueOnPremises)
    }
}
