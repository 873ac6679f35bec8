import LedgerStore
import TitleholdCore

/// One item eligible for repossession on a day, with its client and the rule's flag.
public struct ItemFlag: Sendable {
    public var clientID: Int64
    public var clientKey: String
    public var clientName: String?
    public var item: ClientLedger.DeliveredItem
    public var flag: RepossessionFlag
    /// The first day the client was in default on an invoice of the item's scope (nil when it is
    /// eligible through its status only): the planner visits the oldest defaults first.
    public var inDefaultSince: Day?
}

/// Finds the items eligible for repossession (art. 10.3) and what blocks their pickup
/// (art. 63a/241a/376 Fw, 22bis Iw), client by client.
///
/// Only clients that can be in default or in difficulties are read: those with a 2nd reminder or
/// notice of default recorded (a default needs one, rules.md "Dunning") or with a status other
/// than normal. For each of them the rules run once per invoice (dunning) and once per item
/// (ownership, eligibility), all on the same day.
public struct FlagService: Sendable {
    public var rules: RuleBook
    public var scope: OwnershipScope

    public init(rules: RuleBook, scope: OwnershipScope) { self.rules = rules; self.scope = scope }

    /// The eligible items of the ledger on `date`.
    public func flags(in ledger: LedgerDatabase, on date: Day) throws -> [ItemFlag] {
        let files = try ledger.clientFiles(ids: try ledger.clientsWithDefaultSignals())
        return files.flatMap { flags(of: $0, on: date).filter(\.flag.eligible) }
    }

    /// The flag of every item of one client on `date` (eligible or not).
    public func flags(of file: ClientFile, on date: Day) -> [ItemFlag] {
        let ledger = file.ledger
        let rule = OwnershipRule(scope: scope)
        let allocation = PaymentAllocation(ledger, asOf: date)
        // Each invoice's dunning status once, shared by all items whose scope holds it.
        var dunning: [Int64: DunningStatus] = [:]
        for invoice in ledger.invoices where invoice.issueDate <= date {
            dunning[invoice.id] = DunningTimeline.evaluate(
                DunningCase(dueDate: invoice.dueDate, clientKind: ledger.clientKind, isSaleOfGoods: invoice.isGoods,
                            openAmount: allocation.balance(of: invoice.id)?.outstanding ?? invoice.payable,
                            letters: ledger.letters[invoice.id] ?? []),
                today: date, calendar: rules.statutoryCalendar, settings: rules.dunning)
        }
        let verdicts = rule.verdicts(of: ledger, on: date, allocation: allocation)
        // Art. 22bis Iw: the value at contracting of the retained goods still on the premises.
        var retained = Cents.zero
        for (item, verdict) in zip(ledger.items, verdicts)
        where verdict.owner == .supplier && !item.events.contains(where: { $0.removesFromPremises && $0.date <= date }) {
            retained = retained + (item.value ?? .zero)
        }
        let history = file.standing.history
        // What does not depend on the item is worked out once: the client's blocks, and the
        // grounds per set of invoices in scope (one set for all items under scope `client`).
        let clientPart = RepossessionRule.ClientPart(clientStatus: history, taxNotices: file.standing.taxNotices,
                                                     retainedValueOnPremises: retained, on: date)
        var groundsByScope: [[Int64]: [RepossessionReason]] = [:]
        return zip(ledger.items, verdicts).map { item, verdict in
            let inScope = rule.invoicesInScope(for: item, in: ledger, on: date).compactMap { invoice in
                dunning[invoice.id].map { (id: invoice.id, RepossessionCase.ScopeInvoice(number: invoice.number, dunning: $0)) }
            }
            let scopeInvoices = inScope.map(\.1)
            let c = RepossessionCase(item: item, ownership: verdict, scopeInvoices: scopeInvoices, clientStatus: history,
                                     taxNotices: file.standing.taxNotices, retainedValueOnPremises: retained)
            let key = inScope.map(\.id)
            let grounds = groundsByScope[key] ?? RepossessionRule.grounds(c, on: date)
            groundsByScope[key] = grounds
            let flag = RepossessionRule.evaluate(c, on: date, grounds: grounds, clientPart: clientPart)
            let defaultSince = scopeInvoices.compactMap { $0.dunning.isInDefault ? $0.dunning.inDefaultSince : nil }.min()
            return ItemFlag(clientID: file.id, clientKey: file.key, clientName: file.name, item: item, flag: flag,
                            inDefaultSince: defaultSince)
        }
    }
}
