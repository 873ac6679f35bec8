extension OwnershipRule {
    /// The invoices issued on or before `date` whose claims can keep `item` retained under this
    /// rule's scope (art. 10.1 of the terms, 3:92(2) BW), paid or not:
    /// - `client`: the item's own invoices and every goods invoice of the client;
    /// - `agreement`: the item's own invoices and those under the item's agreement;
    /// - `invoice`: the item's own invoices only.
    ///
    /// Art. 10.3 looks for default among exactly these invoices, so the caller evaluates their
    /// dunning status (`DunningTimeline`) for the repossession rule.
    public func invoicesInScope(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger,
                                on date: Day) -> [ClientLedger.Invoice] {
        scopeMembers(for: item, in: ledger, on: date).invoices
    }

    /// The ids of `invoicesInScope(for:in:on:)`, in the same order, without copying the invoices
    /// (`flags` asks this for every item of a client).
    public func invoiceIDsInScope(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, on date: Day) -> [Int64] {
        var ids: [Int64] = []
        for index in ledger.invoices.indices where ledger.invoices[index].issueDate <= date {
            let id = ledger.invoices[index].id
            let inScope: Bool
            if item.invoiceIDs.contains(id) {
                inScope = true
            } else {
                switch scope {
                case .invoice: inScope = false
                case .agreement: inScope = item.agreementID != nil && ledger.invoices[index].agreementID == item.agreementID
                case .client: inScope = ledger.invoices[index].isGoods
                }
            }
            if inScope { ids.append(id) }
        }
        return ids
    }

    /// The invoices and the delivered items (for uninvoiced deliveries) in `item`'s scope on `date`.
    func scopeMembers(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, on date: Day)
        -> (invoices: [ClientLedger.Invoice], items: [ClientLedger.DeliveredItem])
    {
        let issued = ledger.invoices.filter { $0.issueDate <= date }
        // An item is linked to one invoice, seldom more: a search beats building a set per item.
        let ownInvoices = item.invoiceIDs
        switch scope {
        case .invoice:
            return (issued.filter { ownInvoices.contains($0.id) }, [item])
        case .agreement:
            let sameAgreement = { (agreementID: Int64?) in agreementID != nil && agreementID == item.agreementID }
            return (issued.filter { ownInvoices.contains($0.id) || sameAgreement($0.agreementID) },
                    ledger.items.filter { $0.id == item.id || sameAgreement($0.agreementID) })
        case .client:
            return (issued.filter { ownInvoices.contains($0.id) || $0.isGoods }, ledger.items)
        }
    }
}
