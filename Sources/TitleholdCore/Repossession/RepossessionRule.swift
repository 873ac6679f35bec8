/// Repossession eligibility (art. 10.3 of the terms) and what blocks a pickup, as a pure function
/// of one item's case and a date.
///
/// An item is **eligible** when all of these hold (rules.md "Repossession eligibility"):
/// 1. the supplier owns it (art. 10.1, from the ownership verdict);
/// 2. it is still at the client: delivered, and no `returned`, `repossessed`, `incorporated` or
///    `resold` event on or before the date. A resale outside the normal course of business keeps
///    the supplier's title but the item is no longer at the client; it is shown as a breach;
/// 3. an invoice in the item's ownership scope is in default (the 2nd reminder's or the notice
///    of default's term lapsed unpaid, art. 13.4), or the client is in, or heading for, payment
///    difficulties (bankrupt, surseance, WHOA, or flagged by hand).
///
/// An eligible item is **blocked** while:
/// - a cooling-off period is in force (63a, 241a, 376 Fw): until the day after its last day;
/// - the client's retained goods on its premises are worth EUR 10,000 or more at contracting
///   (exactly 10,000 counts) and the tax collector was not notified: no end date until a notice
///   is sent (22bis(2) Iw). This applies during a cooling-off period too (22bis(18) Iw).
/// - a notice was sent on day D: "during four weeks after the notice" the supplier may not
///   exercise its rights (22bis(5) Iw). The four weeks run from the day after D through D+28, so
///   the pickup may happen from D+29. If the tax collector says nothing, the supplier may then act
///   during four more weeks, through D+56; after that the article applies again (22bis(6) Iw) and
///   a new notice is needed. The latest notice sent on or before the date counts; a notice that
///   the tax collector will not seize is not recorded, so the rule never relies on it.
///
/// Dates of blocks are exclusive: `blockedUntil` is the first day the pickup may happen
/// (`RepossessionFlag.lastBlockedDay` is the day before). Blocks are only worked out for an
/// eligible item. No Atw roll-over is applied to the four weeks: pickups are planned on working
/// days anyway (art. 4.2).
public enum RepossessionRule {
    /// 22bis(17) Iw with art. 1cj Uitvoeringsregeling Invorderingswet 1990: below EUR 10,000 no notice.
    public static let taxNoticeThreshold = Cents(1_000_000)
    /// 22bis(5) Iw: four weeks after the notice.
    public static let taxNoticeWaitDays = 28
    /// 22bis(6) Iw: four weeks to act after the wait, when the tax collector gives no word.
    public static let taxNoticeActDays = 28

    public static func evaluate(_ c: RepossessionCase, on date: Day) -> RepossessionFlag {
        evaluate(c, on: date, grounds: nil, clientPart: nil)
    }

    /// The same flag, with the parts that do not depend on the item worked out once by the caller
    /// for all items of a client (`flags`): `grounds(_:on:)` of an item with the same scope
    /// invoices, and the `ClientPart` of the item's client, both for `date`. Either may be nil.
    public static func evaluate(_ c: RepossessionCase, on date: Day, grounds given: [RepossessionReason]?,
                                clientPart: ClientPart?) -> RepossessionFlag {
        var reasons: [RepossessionReason] = []

        // 1. Ownership (art. 10.1).
        let owned = c.ownership.owner == .supplier
        reasons += c.ownership.reasons.filter { $0.kind != .notDelivered }.map {
            RepossessionReason(kind: owned ? .owned : .notOwned, article: $0.article, text: $0.text,
                               invoiceNumber: $0.invoiceNumber, date: $0.date)
        }
        if !owned, c.ownership.reasons.isEmpty {
            reasons.append(RepossessionReason(kind: .notOwned, article: "10.1", text: "the client owns the item",
                                              date: c.ownership.clientOwnsSince))
        }

        // 2. Still at the client.
        let presence = Self.presence(of: c.item, on: date)
        reasons.append(presence)
        let atClient = presence.kind == .atClient

        // 3. Default in scope, or payment difficulties (art. 10.3).
        let grounds = given ?? Self.grounds(c, on: date)
        reasons += grounds

        let breaches = c.item.events.filter { $0.breachesArticle10_2 && $0.date <= date }
            .sorted { $0.date < $1.date }.map(Self.breach)
        let eligible = owned && atClient && grounds.contains { $0.kind == .inDefault || $0.kind == .clientStatus }
        guard eligible else {
            return RepossessionFlag(serial: c.item.serial, itemID: c.item.id, asOf: date, eligible: false, blocks: [],
                                    breaches: breaches, reasons: reasons)
        }

        let client = clientPart ?? ClientPart(clientStatus: c.clientStatus, taxNotices: c.taxNotices,
                                              retainedValueOnPremises: c.retainedValueOnPremises, on: date)
        reasons += client.reasons
        return RepossessionFlag(serial: c.item.serial, itemID: c.item.id, asOf: date, eligible: true, blocks: client.blocks,
                                breaches: breaches, reasons: reasons)
    }

    /// What blocks the pickup of an eligible item and the reasons that go with it, which depend on
    /// the client and the date only: a cooling-off period, the notice to the tax collector, and
    /// the client's duty to give access (art. 10.3), in that order.
    public struct ClientPart: Sendable {
        public var blocks: [RepossessionFlag.Block] = []
        public var reasons: [RepossessionReason] = []

        public init(clientStatus: ClientStatusHistory, taxNotices: [Day], retainedValueOnPremises: Cents, on date: Day) {
            RepossessionRule.coolingOff(clientStatus, on: date, blocks: &blocks, reasons: &reasons)
            RepossessionRule.taxNotice(value: retainedValueOnPremises, notices: taxNotices, on: date,
                                       blocks: &blocks, reasons: &reasons)
            reasons.append(RepossessionReason(
                kind: .access, article: "10.3",
                text: "the client must give the supplier free access to its premises to take the goods back"))
        }
    }

    // MARK: Condition 2

    private static func presence(of item: ClientLedger.DeliveredItem, on date: Day) -> RepossessionReason {
        guard item.deliveredOn <= date else {
            return RepossessionReason(kind: .notAtClient, article: "10.3",
                                      text: "not delivered yet on \(date): delivery is recorded on \(item.deliveredOn)",
                                      date: item.deliveredOn)
        }
        let gone = item.events.filter { $0.removesFromPremises && $0.date <= date }.sorted { $0.date < $1.date }
        guard let event = gone.first else {
            return RepossessionReason(
                kind: .atClient, article: "10.3",
                text: "still at the client: delivered \(item.deliveredOn), no return, repossession, incorporation or resale recorded")
        }
        let note = event.note.map { " (\($0))" } ?? ""
        let (article, text): (String, String)
        switch event.kind {
        case .returned: (article, text) = ("10.3", "returned to the supplier on \(event.date)\(note)")
        case .repossessed: (article, text) = ("10.3", "already taken back on \(event.date)\(note)")
        case .incorporated:
            (article, text) = ("5:14 BW", "became a component of another good on \(event.date)\(note)")
        case .resold where event.outsideNormalCourse:
            (article, text) = ("10.2", "sold on by the client on \(event.date) outside its normal course of business\(note): "
                + "no longer at the client; the supplier's title stands against the buyer (art. 5:2 BW)")
        default:
            (article, text) = ("3:86 BW", "sold on by the client on \(event.date) in its normal course of business\(note)")
        }
        return RepossessionReason(kind: .notAtClient, article: article, text: text, date: event.date)
    }

    private static func breach(_ event: ItemEvent) -> RepossessionReason {
        let note = event.note.map { " (\($0))" } ?? ""
        let text = event.kind == .pledged
            ? "pledged by the client on \(event.date)\(note): the client may not encumber goods under retention of title"
            : "sold by the client on \(event.date) outside its normal course of business\(note): the client may not do so while title is retained"
        return RepossessionReason(kind: .breach, article: "10.2", text: text, date: event.date)
    }

    // MARK: Condition 3

    /// Condition 3's reasons for the item's case: the invoices in its scope in default (the
    /// oldest with its letters and terms), or the client's payment difficulties, or why neither.
    /// The same for every item whose scope holds the same invoices.
    public static func grounds(_ c: RepossessionCase, on date: Day) -> [RepossessionReason] {
        grounds(scopeInvoices: c.scopeInvoices, clientStatus: c.clientStatus, on: date)
    }

    /// `grounds(_:on:)` from the only parts of the case it reads.
    public static func grounds(scopeInvoices: [RepossessionCase.ScopeInvoice], clientStatus: ClientStatusHistory,
                               on date: Day) -> [RepossessionReason] {
        var reasons: [RepossessionReason] = []
        // Every invoice in default is named with its default date; the letters and terms that put the
        // client in default are spelled out for the oldest default only, so an item of a client with
        // many invoices in default does not repeat every invoice's whole timeline.
        let inDefault = scopeInvoices.filter(\.dunning.isInDefault).sorted {
            ($0.dunning.inDefaultSince ?? date, $0.number) < ($1.dunning.inDefaultSince ?? date, $1.number)
        }
        for (index, invoice) in inDefault.enumerated() {
            let since = invoice.dunning.inDefaultSince
            reasons.append(RepossessionReason(
                kind: .inDefault, article: "10.3, 13.4",
                text: "invoice \(invoice.number) in the item's ownership scope is unpaid and the client is in default on it"
                    + (since.map { " since \($0)" } ?? "") + " (\(invoice.dunning.stage.label))",
                invoiceNumber: invoice.number, date: since))
            guard index == 0 else { continue }
            reasons += invoice.dunning.reasons.map {
                RepossessionReason(kind: .dunning, article: $0.article, text: "invoice \(invoice.number): \($0.text)",
                                   invoiceNumber: invoice.number)
            }
        }
        if let entry = clientStatus.status(on: date), entry.status.isPaymentDifficulty {
            let since = clientStatus.statusSince(on: date) ?? entry.since
            let note = entry.note.map { " (\($0))" } ?? ""
            reasons.append(RepossessionReason(
                kind: .clientStatus, article: "10.3",
                text: "the client is \(entry.status.label) since \(since)\(note): in, or heading for, payment difficulties",
                date: since))
        }
        if reasons.isEmpty {
            let open = scopeInvoices.filter { $0.dunning.stage != .paid && $0.dunning.stage != .timeBarred }
                .map { "\($0.number): \($0.dunning.stage.label)" }
            let status = clientStatus.status(on: date)?.status ?? .normal
            reasons.append(RepossessionReason(
                kind: .noGround, article: "10.3",
                text: "no invoice in the item's ownership scope is in default on \(date)"
                    + (open.isEmpty ? "" : " (\(open.joined(separator: "; ")))")
                    + " and the client's status is \(status.label): no ground to take it back"))
        }
        return reasons
    }

    // MARK: Blocks

    private static func coolingOff(_ history: ClientStatusHistory, on date: Day, blocks: inout [RepossessionFlag.Block],
                                   reasons: inout [RepossessionReason]) {
        guard let period = history.latestCoolingOff(on: date) else { return }
        let extended = period.extended ? ", extended from \(period.firstEnd)" : ""
        guard date <= period.end else {
            reasons.append(RepossessionReason(
                kind: .coolingOffEnded, article: period.article,
                text: "the cooling-off period from \(period.start) ended on \(period.end)\(extended): no court permission needed",
                date: period.end))
            return
        }
        let permission = period.status.coolingOffLimits?.permissionFrom ?? "the court"
        let text = "cooling-off period (afkoelingsperiode) in \(period.status.procedure) from \(period.start) until "
            + "\(period.end)\(extended): goods can only be claimed with the permission of \(permission); "
            + "without it from \(period.firstDayAfter)"
        blocks.append(.init(kind: .coolingOff, until: period.firstDayAfter, article: period.article, text: text))
        reasons.append(RepossessionReason(kind: .coolingOff, article: period.article, text: text, date: period.start))
    }

    private static func taxNotice(value: Cents, notices: [Day], on date: Day, blocks: inout [RepossessionFlag.Block],
                                  reasons: inout [RepossessionReason]) {
        guard value >= taxNoticeThreshold else {
            reasons.append(RepossessionReason(
                kind: .taxNoticeNotNeeded, article: "22bis Iw",
                text: "the client's retained goods on its premises are worth \(value) at contracting, under "
                    + "\(taxNoticeThreshold): no notice to the tax collector needed (22bis(17) Iw)"))
            return
        }
        let worth = "the client's retained goods on its premises are worth \(value) at contracting (\(taxNoticeThreshold) or more)"
        guard let sent = notices.filter({ $0 <= date }).max() else {
            let text = "\(worth): notify the tax collector (ontvanger) first and wait four weeks (22bis(2),(5) Iw)"
            blocks.append(.init(kind: .taxNoticeMissing, until: nil, article: "22bis Iw", text: text))
            reasons.append(RepossessionReason(kind: .taxNoticeMissing, article: "22bis Iw", text: text))
            return
        }
        let lastWaitDay = sent.adding(days: taxNoticeWaitDays)
        let allowedFrom = lastWaitDay.adding(days: 1)
        let lastActDay = lastWaitDay.adding(days: taxNoticeActDays)
        if date <= lastWaitDay {
            let text = "\(worth): the tax collector was notified on \(sent); the four weeks run until \(lastWaitDay), "
                + "so not before \(allowedFrom) (22bis(5) Iw)"
            blocks.append(.init(kind: .taxNotice, until: allowedFrom, article: "22bis Iw", text: text))
            reasons.append(RepossessionReason(kind: .taxNotice, article: "22bis Iw", text: text, date: sent))
        } else if date <= lastActDay {
            reasons.append(RepossessionReason(
                kind: .taxNotice, article: "22bis Iw",
                text: "\(worth): the tax collector was notified on \(sent) and the four weeks passed on \(lastWaitDay); "
                    + "take the goods back by \(lastActDay), after that notify again (22bis(6) Iw)",
                date: sent))
        } else {
            let text = "\(worth): the notice to the tax collector of \(sent) lapsed after \(lastActDay) (22bis(6) Iw): "
                + "notify the tax collector again and wait four weeks"
            blocks.append(.init(kind: .taxNoticeMissing, until: nil, article: "22bis Iw", text: text))
            reasons.append(RepossessionReason(kind: .taxNoticeMissing, article: "22bis Iw", text: text, date: sent))
        }
    }
}
