/// Retention of title (eigendomsvoorbehoud): who owns a delivered item on a date.
///
/// Art. 10.1 of the terms keeps every delivered item the supplier's as long as the client has
/// not paid for goods delivered or to be delivered under a goods agreement, or for work under
/// such agreements. Art. 3:92 BW reads this as a transfer under the suspensive condition of
/// payment; the condition is fulfilled — and the client becomes owner for good — at the first
/// moment after delivery when no claim in the item's scope is open: all paid or credited,
/// time-barred (3:92(3) with 3:307 / 7:28 BW), or waived. A claim that arises after that moment
/// does not bring title back.
///
/// Title is also lost when the item became a component of another good (5:14 BW) or was sold
/// on in the normal course of business (3:86 BW); the ledger records these as item events.
public struct OwnershipRule: Sendable {
    public var scope: OwnershipScope
    /// Dates of written reminders and notices per invoice, which interrupt limitation (art. 3:317 BW);
    /// for an invoice not named here, the letters recorded in the `ClientLedger` count.
    public var limitationInterruptions: [Int64: [Day]]

    public init(scope: OwnershipScope = .client, limitationInterruptions: [Int64: [Day]] = [:]) {
        self.scope = scope
        self.limitationInterruptions = limitationInterruptions
    }

    /// Decides ownership of `item` (one of `ledger.items`) on `date`.
    public func verdict(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, on date: Day) -> OwnershipVerdict {
        verdict(for: item, in: ledger, on: date, allocation: nil)
    }

    /// The same verdict, with the payment allocation of `ledger` on `date` computed once by the
    /// caller: deciding every item of a client (`flags`) then allocates the payments once, not per item.
    public func verdict(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, on date: Day,
                        allocation given: PaymentAllocation?) -> OwnershipVerdict {
        if let early = notDelivered(item, on: date) { return early }
        if let lost = titleLostByEvent(item, on: date) { return lost }

        let allocation = given ?? PaymentAllocation(ledger, asOf: date)
        // The item's own claims first, so the first reason printed is about the item itself.
        let claims = self.claims(for: item, in: ledger, allocation: allocation, on: date)
        return decide(item, claims: claims, in: ledger, allocation: allocation, on: date)
    }

    /// The verdict of every item of `ledger` on `date`, in the order of `ledger.items`: the same
    /// verdicts as `verdict(for:in:on:allocation:)` item by item, with each claim of the client
    /// worked out once (`ClientClaims`) instead of once per item — `flags` asks about every item
    /// of a client, and 50 items each rebuilding the claims of all 50 cost n² of that work.
    public func verdicts(of ledger: ClientLedger, on date: Day, allocation: PaymentAllocation) -> [OwnershipVerdict] {
        var shared = ClientClaims(rule: self, ledger: ledger, allocation: allocation, on: date)
        return ledger.items.map { item in
            guard item.deliveredOn <= date, titleLostByEvent(item, on: date) == nil else {
                return verdict(for: item, in: ledger, on: date, allocation: allocation)
            }
            let claims = shared.claims(for: item)
            return decide(item, claims: claims, in: ledger, allocation: allocation, on: date,
                          openReason: { shared.openReason(of: $0) })
        }
    }

    /// The verdict from the claims in the item's scope (own claims first): the first moment from
    /// delivery at which none is open, or a waiver, passes title (art. 3:92 BW).
    /// `openReason` puts an open claim into words (`ClientClaims` does each once per client).
    func decide(_ item: ClientLedger.DeliveredItem, claims: [Claim], in ledger: ClientLedger,
                        allocation: PaymentAllocation, on date: Day,
                        openReason: ((Claim) -> OwnershipReason)? = nil) -> OwnershipVerdict {
        var waiver: Day?
        for event in item.events where event.kind == .waived && event.date <= date {
            waiver = min(waiver ?? event.date, event.date)
        }

        // A claim opened by delivery that never closed is open at every candidate moment below
        // (none is before delivery): then only a waiver can end the retention, and without one
        // there is no moment to look for.
        let openThroughout = claims.contains { $0.closedOn == nil && $0.openedOn <= item.deliveredOn }
        if openThroughout, waiver == nil { return retained(claims, in: ledger, allocation: allocation, on: date, openReason) }

        // Candidate moments at which the condition may have been fulfilled: delivery, and every
        // day a claim in scope closed. The first one at which no claim is open is the moment.
        var candidates: [Day] = []
        candidates.reserveCapacity(claims.count + 2)
        candidates.append(item.deliveredOn)
        for claim in claims {
            if let closed = claim.closedOn, closed >= item.deliveredOn, closed <= date { candidates.append(closed) }
        }
        if let waiver { candidates.append(max(waiver, item.deliveredOn)) }
        candidates.sort()
        var previous: Day?
        for moment in candidates where moment != previous {
            previous = moment
            if let waiver, waiver <= moment {
                return OwnershipVerdict(owner: .client, clientOwnsSince: moment, reasons: [
                    OwnershipReason(kind: .waived, article: "3:92(3) BW", date: waiver,
                                    text: "the supplier waived its retention of title on \(waiver)")
                ])
            }
            if !openThroughout, !claims.contains(where: { $0.isOpen(on: moment) }) {
                let closing = claims.filter { $0.closedOn == moment }
                let reasons = (closing.isEmpty ? claims : closing).compactMap { $0.closingReason(in: ledger, allocation) }
                return OwnershipVerdict(owner: .client, clientOwnsSince: moment, reasons: reasons)
            }
        }
        return retained(claims, in: ledger, allocation: allocation, on: date, openReason)
    }

    /// The supplier keeps title: every claim open on `date` is a reason, in the order given.
    private func retained(_ claims: [Claim], in ledger: ClientLedger, allocation: PaymentAllocation, on date: Day,
                          _ openReason: ((Claim) -> OwnershipReason)?) -> OwnershipVerdict {
        var reasons: [OwnershipReason] = []
        for claim in claims where claim.isOpen(on: date) {
            reasons.append(openReason?(claim) ?? claim.openReason(in: ledger, allocation))
        }
        return OwnershipVerdict(owner: .supplier, clientOwnsSince: nil, reasons: reasons)
    }

    /// The verdict for an item asked about before its delivery: still the supplier's.
    func notDelivered(_ item: ClientLedger.DeliveredItem, on date: Day) -> OwnershipVerdict? {
        guard item.deliveredOn > date else { return nil }
        return OwnershipVerdict(owner: .supplier, clientOwnsSince: nil, reasons: [
            OwnershipReason(kind: .notDelivered, article: "10.1", date: item.deliveredOn,
                            text: "not delivered yet on \(date): delivery is recorded on \(item.deliveredOn)")
        ])
    }

    /// Item events that end the supplier's title whatever is paid (art. 5:14, 3:86 BW).
    func titleLostByEvent(_ item: ClientLedger.DeliveredItem, on date: Day) -> OwnershipVerdict? {
        guard !item.events.isEmpty else { return nil }
        let losing = item.events.filter {
            ($0.kind == .incorporated || ($0.kind == .resold && !$0.outsideNormalCourse)) && $0.date <= date
        }
            .sorted { $0.date < $1.date }
        guard let event = losing.first else { return nil }
        let reason: OwnershipReason
        if event.kind == .incorporated {
            reason = OwnershipReason(kind: .incorporated, article: "5:14 BW", date: event.date,
                                     text: "became a component of another good on \(event.date); title is lost" + note(event))
        } else {
            reason = OwnershipReason(kind: .resold, article: "3:86 BW", date: event.date,
                                     text: "sold on by the client on \(event.date); title passed to the buyer" + note(event))
        }
        return OwnershipVerdict(owner: .client, clientOwnsSince: event.date, reasons: [reason])
    }

    /// Written demands interrupt limitation (art. 3:317 BW): those given to the rule, else the
    /// letters recorded in the ledger.
    func interruptions(of invoiceID: Int64, in ledger: ClientLedger) -> [Day] {
        if limitationInterruptions.isEmpty, ledger.letters.isEmpty { return [] }
        if let given = limitationInterruptions[invoiceID] { return given }
        return (ledger.letters[invoiceID] ?? []).filter(\.kind.isWrittenDemand).map(\.sentOn)
    }

    private func note(_ event: ItemEvent) -> String { event.note.map { " (\($0))" } ?? "" }

    /// An invoice's claim as it stands on `date`, not yet marked as the item's own; nil when the
    /// invoice was not issued by then.
    /// `barredFrom`, when given, is the day the claim is barred (`barredFrom(invoiceAt:in:)`, worked out earlier).
    func invoiceClaim(at index: Int, in ledger: ClientLedger, allocation: PaymentAllocation, on date: Day,
                      barredFrom known: Day? = nil) -> Claim? {
        // Fields read in place: a copy of the invoice costs reference counts for its strings.
        let issueDate = ledger.invoices[index].issueDate, id = ledger.invoices[index].id
        guard issueDate <= date, let position = allocation.position(ofBalance: id) else { return nil }
        let barred = known ?? barredFrom(invoiceAt: index, in: ledger)
        return .invoice(issuedOn: issueDate, at: index, allocation.balance(atPosition: position).settledOn, at: position,
                        barredOn: barred <= date ? barred : nil, asOf: date, isOwn: false)
    }

    /// The first day the price claim of the invoice at `index` is barred (art. 3:307 / 7:28 BW),
    /// interrupted by written demands (3:317 BW): the same on every date asked about.
    func barredFrom(invoiceAt index: Int, in ledger: ClientLedger) -> Day {
        PriceClaimLimitation.barredFrom(dueDate: ledger.invoices[index].dueDate, clientKind: ledger.clientKind,
                                        isSaleOfGoods: ledger.invoices[index].isGoods,
                                        interruptions: interruptions(of: ledger.invoices[index].id, in: ledger))
    }

    /// The claim of a delivery not invoiced yet (open until its first invoice issued by `date`),
    /// not yet marked as the item's own; nil when not delivered by then or back with the supplier.
    /// `position` is the item's in `ledger.items` (nil is allowed for the item's own claim).
    func uninvoicedClaim(of other: ClientLedger.DeliveredItem, at position: Int?, in ledger: ClientLedger,
                         on date: Day) -> Claim? {
        uninvoicedClaim(deliveredOn: other.deliveredOn, invoiceIDs: other.invoiceIDs, wentBack: other.wentBack(on: date),
                        at: position, in: ledger, on: date)
    }

    /// The same from the item's fields (`ClientClaims` reads them in place instead of copying the item).
    func uninvoicedClaim(deliveredOn: Day, invoiceIDs: InvoiceIDList, wentBack: Bool, at position: Int?,
                         in ledger: ClientLedger, on date: Day) -> Claim? {
        guard deliveredOn <= date, !wentBack else { return nil }
        return .uninvoiced(deliveredOn: deliveredOn, at: position,
                           invoicedOn: ledger.firstIssueDay(of: invoiceIDs, issuedBy: date), isOwn: false)
    }

    /// The claims in the item's scope, each with the span during which it was open: the item's
    /// own claims first, then the others, each group in ledger order (invoices, then items).
    func claims(for item: ClientLedger.DeliveredItem, in ledger: ClientLedger, allocation: PaymentAllocation,
                on date: Day) -> [Claim] {
        var each = ClientClaims(rule: self, ledger: ledger, allocation: allocation, on: date, sharing: false)
        return each.claims(for: item)
    }
}

extension ClientLedger {
    /// The issue day of the earliest of `ids`' invoices known to the ledger, among those issued by
    /// `date` (all when `date` is nil): the day a delivery billed on them stops being uninvoiced.
    func firstIssueDay(of ids: InvoiceIDList, issuedBy date: Day? = nil) -> Day? {
        var first: Day?
        for id in ids {
            // The first invoice with this id (ids are unique in a ledger).
            for index in invoices.indices where invoices[index].id == id {
                let issued = invoices[index].issueDate
                if date.map({ issued <= $0 }) ?? true { first = min(first ?? issued, issued) }
                break
            }
        }
        return first
    }
}

extension ClientLedger.DeliveredItem {
    /// Returned or repossessed on or before `date`: its price no longer counts as owed for goods kept.
    func wentBack(on date: Day) -> Bool {
        !events.isEmpty && events.contains { ($0.kind == .returned || $0.kind == .repossessed) && $0.date <= date }
    }
}
