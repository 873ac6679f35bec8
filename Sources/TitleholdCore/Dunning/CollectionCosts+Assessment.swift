/// Whether and from when collection costs are owed, and how much (art. 6:96 BW with the BIK scale).
public struct CollectionCostsDecision: Sendable, Hashable {
    /// The principal the scale was applied to (the sum of the claims, art. 6:96(7) BW).
    public var principalBasis: Cents
    /// The BIK scale amount (art. 2 BIK) on `principalBasis`.
    public var amount: Cents
    /// The first day the costs are owed if the claim is still unpaid then; `nil` when nothing makes
    /// them owed yet (a consumer who has had no valid 14-day letter).
    public var owedFrom: Day?
    public var reasons: [DunningReason]

    /// Whether the costs are owed on `day` (the claim being unpaid then).
    public func isOwed(on day: Day) -> Bool { owedFrom.map { $0 <= day } ?? false }
}

extension CollectionCosts {
    /// Decides the collection costs on one debtor's claims.
    ///
    /// - Several claims named in one reminder are added up for the scale (art. 6:96(7) BW): pass
    ///   their principals; `dueDate` is then the latest due date among them.
    /// - Business: owed from the day after the due date without any reminder; at least EUR 40
    ///   (art. 6:96(4) BW), the scale amount otherwise.
    /// - Consumer: owed only after a free reminder sent after the due date (the service's 1st
    ///   reminder, which states the costs) whose 14 days, counted from the day after receipt, have
    ///   lapsed unpaid (art. 6:96(6) BW; HR 25-11-2016, ECLI:NL:HR:2016:2704). Receipt is assumed
    ///   `settings.assumedPostalDays` after sending; the term's end is rolled forward by the
    ///   statutory calendar (art. 1 Atw).
    public static func assess(
        clientKind: ClientKind, principals: [Cents], dueDate: Day, fourteenDayLetterSentOn letter: Day?,
        calendar: BusinessCalendar = .statutoryTerms, settings: DunningSettings = .standard
    ) -> CollectionCostsDecision {
        let basis = principals.filter { $0 > .zero }.reduce(Cents.zero, +)
        let amount = scale(principal: basis)
        var reasons: [DunningReason] = []
        if principals.count > 1 {
            reasons.append(DunningReason(
                article: "6:96(7) BW", text: "the principals of \(principals.count) claims are added up to \(basis)"))
        }
        reasons.append(DunningReason(article: "BIK 2", text: "the scale on \(basis) gives \(amount)"))
        switch clientKind {
        case .business:
            let from = dueDate.adding(days: 1)
            reasons.append(DunningReason(
                article: "6:96(4) BW", text: "a business owes collection costs, at least EUR 40, without reminder from \(from), the day after the due date"))
            return CollectionCostsDecision(principalBasis: basis, amount: amount, owedFrom: from, reasons: reasons)
        case .consumer:
            guard let letter else {
                reasons.append(DunningReason(
                    article: "6:96(6) BW", text: "a consumer owes collection costs only after a free 14-day letter; none was sent"))
                return CollectionCostsDecision(principalBasis: basis, amount: amount, owedFrom: nil, reasons: reasons)
            }
            guard letter > dueDate else {
                reasons.append(DunningReason(
                    article: "6:96(6) BW",
                    text: "the letter of \(letter) was sent before the claim was overdue (due \(dueDate)); it does not count as the 14-day letter"))
                return CollectionCostsDecision(principalBasis: basis, amount: amount, owedFrom: nil, reasons: reasons)
            }
            let received = letter.adding(days: settings.assumedPostalDays)
            let end = calendar.termEnd(after: received, days: DunningSettings.consumerFreeLetterDays)
            let from = end.adding(days: 1)
            reasons.append(DunningReason(
                article: "6:96(6) BW",
                text: "14-day letter sent \(letter), assumed received \(received); its 14 days end on \(end), "
                    + "so the costs are owed from \(from) if still unpaid"))
            return CollectionCostsDecision(principalBasis: basis, amount: amount, owedFrom: from, reasons: reasons)
        }
    }
}
