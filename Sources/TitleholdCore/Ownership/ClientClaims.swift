/// The claims of one client's ledger on one date (art. 10.1: goods invoices, and deliveries not
/// invoiced yet), each worked out at most once and then handed to every item whose scope holds
/// it, marked as that item's own or not.
///
/// One item's question (`owned`) works out only the claims in its scope; a question about every
/// item of a client (`flags`, `OwnershipRule.verdicts(of:on:allocation:)`) works each claim out
/// once instead of once per item. What is in an item's scope (`OwnershipRule.invoicesInScope`):
/// - `client`: its own invoices, every goods invoice of the client, every delivered item;
/// - `agreement`: its own invoices, and the invoices and items of its agreement;
/// - `invoice`: its own invoices and its own delivery.
struct ClientClaims {
    let rule: OwnershipRule
    let ledger: ClientLedger
    let allocation: PaymentAllocation
    let date: Day
    /// By invoice position: not worked out yet (nil), or the claim (nil when not issued by `date`).
    private var invoiceClaims: [Claim??]
    /// By item position: not worked out yet (nil), or the claim (nil when none is open or was).
    private var deliveryClaims: [Claim??]

    /// Each open claim's reason once put into words: invoices by position, then delivered items
    /// after them, times two, plus one when it is the item's own (the words differ).
    private var openReasons: [OwnershipReason?] = []

    /// Keeps each claim for the next item (`sharing`), or works out each one as asked for one
    /// item's question, with nothing to keep (`owned`: no tables to allocate).
    private let sharing: Bool

    init(rule: OwnershipRule, ledger: ClientLedger, allocation: PaymentAllocation, on date: Day, sharing: Bool = true) {
        self.rule = rule; self.ledger = ledger; self.allocation = allocation; self.date = date
        self.sharing = sharing
        invoiceClaims = sharing ? Array(repeating: nil, count: ledger.invoices.count) : []
        deliveryClaims = sharing ? Array(repeating: nil, count: ledger.items.count) : []
    }

    /// Why `claim` (one of those handed out here) keeps an item retained, put into words once per
    /// client for each claim and each of "the item's own" and "another's".
    mutating func openReason(of claim: Claim) -> OwnershipReason {
        let position: Int
        switch claim.source {
        case .invoice(let index, _, _, _): position = index
        case .uninvoiced(let item?, _): position = ledger.invoices.count + item
        case .uninvoiced(nil, _): return claim.openReason(in: ledger, allocation)
        }
        let slot = position * 2 + (claim.isOwn ? 1 : 0)
        if openReasons.isEmpty { openReasons = Array(repeating: nil, count: (ledger.invoices.count + ledger.items.count) * 2) }
        if let known = openReasons[slot] { return known }
        let reason = claim.openReason(in: ledger, allocation)
        openReasons[slot] = reason
        return reason
    }

    /// The claims in `item`'s scope: its own first, then the others, each group in ledger order
    /// (invoices, then items).
    mutating func claims(for item: ClientLedger.DeliveredItem) -> [Claim] {
        let scope = rule.scope
        let sameAgreement = { (agreementID: Int64?) in agreementID != nil && agreementID == item.agreementID }
        var claims: [Claim] = []
        claims.reserveCapacity(ledger.invoices.count + (scope == .invoice ? 1 : ledger.items.count))
        // Two passes, the item's own claims in the first, so no claim is moved into order later.
        for pass in 0..<2 {
            let ownPass = pass == 0
            for index in ledger.invoices.indices {
                let invoice = ledger.invoices[index]
                let own = item.invoiceIDs.contains(invoice.id)
                guard own == ownPass else { continue }
                if !own {
                    switch scope {
                    case .invoice: continue
                    case .agreement: guard sameAgreement(invoice.agreementID) else { continue }
                    case .client: guard invoice.isGoods else { continue }
                    }
                }
                guard var claim = invoiceClaim(at: index) else { continue }
                claim.isOwn = ownPass
                claims.append(claim)
            }
            switch scope {
            case .invoice:
                // The item as asked about (it may not be among the ledger's items).
                // Its own claim: the reason names no serial, so no position is needed.
                if ownPass, var claim = rule.uninvoicedClaim(of: item, at: nil, in: ledger, on: date) {
                    claim.isOwn = true
                    claims.append(claim)
                }
            case .agreement, .client:
                for index in ledger.items.indices {
                    // Fields read in place: a copy of the item costs three reference counts, and
                    // `flags` does this for every pair of a client's items.
                    let isItem = ledger.items[index].id == item.id
                    guard isItem == ownPass, scope == .client || isItem || sameAgreement(ledger.items[index].agreementID),
                          var claim = deliveryClaim(at: index) else { continue }
                    claim.isOwn = ownPass
                    claims.append(claim)
                }
            }
        }
        return claims
    }

    private mutating func invoiceClaim(at index: Int) -> Claim? {
        guard sharing else { return rule.invoiceClaim(at: index, in: ledger, allocation: allocation, on: date) }
        if let known = invoiceClaims[index] { return known }
        let claim = rule.invoiceClaim(at: index, in: ledger, allocation: allocation, on: date)
        invoiceClaims[index] = .some(claim)
        return claim
    }

    private mutating func deliveryClaim(at index: Int) -> Claim? {
        guard sharing else { return uninvoicedClaim(at: index) }
        if let known = deliveryClaims[index] { return known }
        let claim = uninvoicedClaim(at: index)
        deliveryClaims[index] = .some(claim)
        return claim
    }

    /// The item's fields read in place through a pointer, not copied out of the array: `owned`
    /// asks this for every item of the client.
    private func uninvoicedClaim(at index: Int) -> Claim? {
        ledger.items.withUnsafeBufferPointer { items in
            let item = items.baseAddress! + index
            return rule.uninvoicedClaim(deliveredOn: item.pointee.deliveredOn, invoiceIDs: item.pointee.invoiceIDs,
                                        wentBack: item.pointee.wentBack(on: date), at: index, in: ledger, on: date)
        }
    }
}
