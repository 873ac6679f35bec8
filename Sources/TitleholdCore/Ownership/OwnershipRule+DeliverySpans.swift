extension OwnershipRule {
    /// One item's question under scope `client` (art. 10.1, 3:92 BW), answered from the client's
    /// delivery spans (`DeliverySpans`) instead of its items: the same verdict as
    /// `verdict(for:in:on:)` on the client's full ledger (issue 2, Speed: `owned` then decodes no
    /// item but the one asked about).
    ///
    /// The claims are the same, in the same order — the item's own invoices, its own delivery,
    /// the client's other goods invoices, the other deliveries — and `decide` weighs them as for
    /// any question. `ledger`'s items are not read (the store passes a ledger without them);
    /// `serial(at:)` gives the serial of the delivery at a position of `deliveries`, read only
    /// when a reason names another item.
    ///
    /// Only for scope `client` and a client without item events (`deliveries.hasItemEvents`):
    /// the caller asks `verdict(for:in:on:)` otherwise.
    ///
    /// With the ledger's `history` (`InvoiceHistory`) the balances on `date` are added up from it
    /// instead of allocating every payment again, and the limitation days are read from it; the
    /// verdict is the same. Then `ledger`'s credit notes, payments and letters are not read
    /// either: the store passes its invoices and the item alone.
    public func verdict(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, deliveries: DeliverySpans,
                        history: InvoiceHistory? = nil, serial: (Int) -> String, on date: Day) -> OwnershipVerdict {
        precondition(scope == .client && !deliveries.hasItemEvents, "delivery spans answer scope client without item events")
        if let early = notDelivered(item, on: date) { return early }
        if let lost = titleLostByEvent(item, on: date) { return lost }
        let allocation = history.map { PaymentAllocation(ledger, history: $0, asOf: date) } ?? PaymentAllocation(ledger, asOf: date)

        let own = deliveries.spans.firstIndex { $0.itemID == item.id }
        // Another delivery invoiced before this item's delivery changes nothing `decide` looks
        // at: it is open at no moment from the delivery on, closes on none of them, and a
        // delivery's claim gives no closing reason. Left out, so most questions weigh half the
        // client's deliveries.
        func weighs(_ span: DeliverySpans.Span, isOwn: Bool) -> Bool {
            guard span.deliveredOn <= date else { return false }
            guard !isOwn, let invoiced = span.firstInvoicedOn else { return true }
            return !(invoiced <= date && invoiced < item.deliveredOn)
        }
        var claims: [Claim] = []
        // Counted first: claims are not small, and growing the list cost more than counting.
        var weighed = 0
        for position in deliveries.spans.indices where weighs(deliveries.spans[position], isOwn: position == own) { weighed += 1 }
        claims.reserveCapacity(ledger.invoices.count + weighed)
        for pass in 0..<2 {
            let ownPass = pass == 0
            for index in ledger.invoices.indices {
                let isOwn = item.invoiceIDs.contains(ledger.invoices[index].id)
                // The history's limitation day counts the ledger's own letters: an invoice the
                // rule is given other interruptions for is worked out from those.
                let barred = history.flatMap { history in
                    limitationInterruptions.isEmpty || limitationInterruptions[ledger.invoices[index].id] == nil
                        ? history.entries[index].barredFrom : nil
                }
                guard isOwn == ownPass, isOwn || ledger.invoices[index].isGoods,
                      var claim = invoiceClaim(at: index, in: ledger, allocation: allocation, on: date, barredFrom: barred)
                else { continue }
                claim.isOwn = isOwn
                claims.append(claim)
            }
            for position in deliveries.spans.indices where (position == own) == ownPass {
                let span = deliveries.spans[position]
                guard weighs(span, isOwn: ownPass) else { continue }
                let invoiced = span.firstInvoicedOn.flatMap { $0 <= date ? $0 : nil }
                claims.append(.uninvoiced(deliveredOn: span.deliveredOn, at: position, invoicedOn: invoiced, isOwn: ownPass))
            }
        }
        return withoutActuallyEscaping(serial) { serial in
            decide(item, claims: claims, in: ledger, allocation: allocation, on: date, openReason: { claim in
                guard case let .uninvoiced(position, _) = claim.source else { return claim.openReason(in: ledger, allocation) }
                return claim.notInvoicedReason(serial: claim.isOwn ? "" : position.map(serial) ?? "")
            })
        }
    }
}
