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
        Array(try flagsByClient(in: ledger, on: date).joined())
    }

    /// The same items, client by client, each client's worked out when the sequence reaches it:
    /// `flags --json` writes each client's out before it works out the next, instead of holding
    /// all of them (50,000 items at 1,000,000). The ledger is read before this returns.
    public func flagsByClient(in ledger: LedgerDatabase, on date: Day) throws -> some Sequence<[ItemFlag]> {
        let files = try ledger.clientFiles(ids: try ledger.clientsWithDefaultSignals())
        return files.lazy.map { flags(of: $0, on: date).filter(\.flag.eligible) }.filter { !$0.isEmpty }
    }

    /// The flag of every item of one client on `date` (eligible or not).
    public func flags(of file: ClientFile, on date: Day) -> [ItemFlag] {
        let ledger = file.ledger
        let rule = OwnershipRule(scope: scope)
        let allocation = PaymentAllocation(ledger, asOf: date)
        // Each invoice's dunning status once, shared by all items whose scope holds it.
        var dunning: [Int64: RepossessionCase.ScopeInvoice] = [:]
        for invoice in ledger.invoices where invoice.issueDate <= date {
            let status = DunningTimeline.evaluate(
                DunningCase(dueDate: invoice.dueDate, clientKind: ledger.clientKind, isSaleOfGoods: invoice.isGoods,
                            openAmount: allocation.balance(of: invoice.id)?.outstanding ?? invoice.payable,
                            letters: ledger.letters[invoice.id] ?? []),
                today: date, calendar: rules.statutoryCalendar, settings: rules.dunning)
            dunning[invoice.id] = RepossessionCase.ScopeInvoice(number: invoice.number, dunning: status)
        }
        let verdicts = rule.verdicts(of: ledger, on: date, allocation: allocation)
        // Art. 22bis Iw: the value at contracting of the retained goods still on the premises.
        var retained = Cents.zero
        for (item, verdict) in zip(ledger.items, verdicts)
        where verdict.owner == .supplier && !item.events.contains(where: { $0.removesFromPremises && $0.date <= date }) {
            retained = retained + (item.value ?? .zero)
        }
        let history = file.standing.history
        // What does not depend on the item is worked out once: the client's blocks, and per set of
        // invoices in scope (one set for all items under scope `client`) the grounds.
        let clientPart = RepossessionRule.ClientPart(clientStatus: history, taxNotices: file.standing.taxNotices,
                                                     retainedValueOnPremises: retained, on: date)
        var byScope: [[Int64]: ScopeFacts] = [:]
        return zip(ledger.items, verdicts).map { item, verdict in
            let key = rule.invoiceIDsInScope(for: item, in: ledger, on: date)
            let facts: ScopeFacts
            if let known = byScope[key] { facts = known } else {
                facts = ScopeFacts(invoices: key.compactMap { dunning[$0] }, clientStatus: history, on: date)
                byScope[key] = facts
            }
            let flag = RepossessionRule.evaluate(
                RepossessionCase(item: item, ownership: verdict, scopeInvoices: facts.invoices, clientStatus: history,
                                 taxNotices: file.standing.taxNotices, retainedValueOnPremises: retained),
                on: date, grounds: facts.grounds, clientPart: clientPart)
            let defaultSince = facts.inDefaultSince
            return ItemFlag(clientID: file.id, clientKey: file.key, clientName: file.name, item: item, flag: flag,
                            inDefaultSince: defaultSince)
        }
    }
}

/// What the items whose scope holds the same invoices share on the day: those invoices with their
/// dunning status, condition 3's reasons (art. 10.3), and the first day of default among them.
private struct ScopeFacts {
    var invoices: [RepossessionCase.ScopeInvoice]
    var grounds: [RepossessionReason]
    var inDefaultSince: Day?

    init(invoices: [RepossessionCase.ScopeInvoice], clientStatus: ClientStatusHistory, on date: Day) {
        self.invoices = invoices
        grounds = RepossessionRule.grounds(scopeInvoices: invoices, clientStatus: clientStatus, on: date)
        inDefaultSince = invoices.compactMap { $0.dunning.isInDefault ? $0.dunning.inDefaultSince : nil }.min()
    }
}
