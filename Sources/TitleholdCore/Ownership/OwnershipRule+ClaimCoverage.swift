extension OwnershipRule {
    /// Whether `verdict(for:in:coverage:history:deliveries:serial:on:)` needs the client's
    /// delivery spans to answer for `item` on `date`: when the item stays the supplier's while a
    /// delivery is uninvoiced on that date (a reason may name another item), when one of the
    /// item's own invoices is not a goods invoice (its claim is not in the coverage), or when the
    /// rule is given limitation interruptions of its own (the coverage holds the ledger's). The
    /// store decodes the spans only then.
    public func needsDeliverySpans(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, coverage: ClaimCoverage,
                                   on date: Day) -> Bool {
        guard item.deliveredOn <= date else { return false }
        return isOutsideCoverage(item, in: ledger)
            || namesOtherDeliveries(coverage.clientOwns(deliveredOn: item.deliveredOn, by: date), coverage, on: date)
    }

    /// Whether the reasons may name other deliveries: the item stays the supplier's (no moment
    /// the client became owner) while a delivery is uninvoiced on `date`.
    private func namesOtherDeliveries(_ moment: Day?, _ coverage: ClaimCoverage, on date: Day) -> Bool {
        moment == nil && coverage.hasUninvoicedDelivery(on: date)
    }

    /// The item's question is not one the coverage answers: one of its own invoices is not a
    /// goods invoice, or the rule is given limitation interruptions of its own.
    private func isOutsideCoverage(_ item: ClientLedger.DeliveredItem, in ledger: ClientLedger) -> Bool {
        guard limitationInterruptions.isEmpty else { return true }
        for id in item.invoiceIDs {
            for index in ledger.invoices.indices where ledger.invoices[index].id == id {
                if !ledger.invoices[index].isGoods { return true }
                break
            }
        }
        return false
    }

    /// One item's question under scope `client` (art. 10.1, 3:92 BW) answered from the client's
    /// claim coverage (`ClaimCoverage`) and its invoices: the same verdict as
    /// `verdict(for:in:on:)` on the client's full ledger.
    ///
    /// The moment the client became owner is the item's delivery when no claim covers it, else
    /// the end of the block of claims that covers it, when that end is on or before `date`
    /// (`ClaimCoverage.clientOwns`). The reasons are those `decide` gives: without that moment,
    /// the claims open on `date` in order — the item's own invoices and delivery, the other goods
    /// invoices, then the other deliveries (read from `deliveries`); with it, the claims that
    /// closed at that moment (of which only invoices give a reason), or — when none closed then —
    /// how each closed invoice claim ended.
    ///
    /// `deliveries` must be given when `needsDeliverySpans` says so: the other deliveries are
    /// then read from them, or — for an item with an own invoice outside the coverage, or a rule
    /// given its own limitation interruptions — the question is answered by
    /// `verdict(for:in:deliveries:history:serial:on:)`. `ledger` needs its invoices only (with the
    /// item); `history` is the ledger's (`InvoiceHistory`). Only for scope `client` and a client
    /// without item events (`coverage.hasItemEvents`).
    public func verdict(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, coverage: ClaimCoverage,
                        history: InvoiceHistory, deliveries: DeliverySpans?, serial: (Int) -> String,
                        on date: Day) -> OwnershipVerdict {
        precondition(scope == .client && !coverage.hasItemEvents, "the claim coverage answers scope client without item events")
        if let early = notDelivered(item, on: date) { return early }
        if isOutsideCoverage(item, in: ledger) {
            guard let deliveries else { preconditionFailure("the delivery spans are needed for item \(item.id) on \(date)") }
            return verdict(for: item, in: ledger, deliveries: deliveries, history: history, serial: serial, on: date)
        }
        let moment = coverage.clientOwns(deliveredOn: item.deliveredOn, by: date)
        let othersNamed = namesOtherDeliveries(moment, coverage, on: date)
        precondition(!othersNamed || deliveries != nil, "the delivery spans are needed for item \(item.id) on \(date)")
        let allocation = PaymentAllocation(ledger, history: history, asOf: date)

        // The claims as `verdict(for:in:deliveries:...)` makes them, the other deliveries left
        // out: the item's own invoices, its own delivery, then the other goods invoices, each
        // group in ledger order.
        var claims: [Claim] = []
        claims.reserveCapacity(ledger.invoices.count + 1)
        for pass in 0..<2 {
            let ownPass = pass == 0
            for index in ledger.invoices.indices {
                let isOwn = item.invoiceIDs.contains(ledger.invoices[index].id)
                guard isOwn == ownPass, isOwn || ledger.invoices[index].isGoods,
                      var claim = invoiceClaim(at: index, in: ledger, allocation: allocation, on: date,
                                               barredFrom: history.entries[index].barredFrom)
                else { continue }
                claim.isOwn = isOwn
                claims.append(claim)
            }
            if ownPass {
                claims.append(.uninvoiced(deliveredOn: item.deliveredOn, at: nil,
                                          invoicedOn: ledger.firstIssueDay(of: item.invoiceIDs, issuedBy: date), isOwn: true))
            }
        }

        var reasons: [OwnershipReason] = []
        guard let moment else {
            for claim in claims where claim.isOpen(on: date) { reasons.append(claim.openReason(in: ledger, allocation)) }
            // The other deliveries uninvoiced on `date`, in item order.
            if othersNamed, let deliveries {
                for (position, span) in deliveries.spans.enumerated() where span.itemID != item.id && span.deliveredOn <= date {
                    if let invoiced = span.firstInvoicedOn, invoiced <= date { continue }
                    let claim = Claim.uninvoiced(deliveredOn: span.deliveredOn, at: position, invoicedOn: nil, isOwn: false)
                    reasons.append(claim.notInvoicedReason(serial: serial(position)))
                }
            }
            return OwnershipVerdict(owner: .supplier, clientOwnsSince: nil, reasons: reasons)
        }
        // The claims that closed at the moment give the reasons; when none did (the moment is the
        // delivery), every claim that closed tells how.
        let anyClosing = coverage.closesDelivery(on: moment, deliveredBy: date) || claims.contains { $0.closedOn == moment }
        for claim in claims where !anyClosing || claim.closedOn == moment {
            if let reason = claim.closingReason(in: ledger, allocation) { reasons.append(reason) }
        }
        return OwnershipVerdict(owner: .client, clientOwnsSince: moment, reasons: reasons)
    }
}
