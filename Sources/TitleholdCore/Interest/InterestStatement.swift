/// The result of an interest calculation, period by period, for `titlehold interest INVOICE`
/// and for every dunning letter (rules.md "Interest and costs": shown to the cent).
public struct InterestStatement: Sendable, Hashable {
    /// A run of days with one rate and one principal.
    public struct Period: Sendable, Hashable {
        /// First day of the period (interest is owed for this day).
        public var from: Day
        /// Last day of the period, included.
        public var through: Day
        public var days: Int
        public var rate: InterestRate
        /// "6:119a BW" or "6:119 BW".
        public var article: String
        /// The principal interest ran on, including interest added after a full year.
        public var principal: Cents
        /// principal × rate × days / 365, rounded half-up to the cent at the end of the period.
        public var interest: Cents
        /// Why the period ended where it did.
        public var endedBy: [PeriodEnd]
    }

    /// What closes a period.
    public enum PeriodEnd: String, Sendable, Hashable, Codable {
        /// A new half-year rate starts the next day (art. 6:120 BW).
        case rateChange = "rate change"
        /// A payment is received the next day.
        case payment
        /// A full year ended: its interest is added to the principal the next day (art. 6:119(2) BW).
        case yearCompleted = "year completed"
        /// The evaluation date.
        case evaluationDate = "evaluation date"
    }

    /// Interest added to the principal after a full year (art. 6:119(2), 6:119a(3) BW).
    public struct Capitalisation: Sendable, Hashable {
        /// The anniversary of the first interest day, from which the larger principal bears interest.
        public var on: Day
        public var amount: Cents
    }

    /// A payment and how art. 6:44 BW divided it.
    public struct AppliedPayment: Sendable, Hashable {
        public var date: Day
        public var amount: Cents
        public var split: ClaimComponents.Split
    }

    public var clientKind: ClientKind
    /// "6:119a BW" (businesses) or "6:119 BW" (consumers).
    public var article: String
    public var dueDate: Day
    /// The first day interest is owed for: the day after the due date.
    public var interestFrom: Day
    /// The evaluation date, the last day counted.
    public var through: Day
    public var originalPrincipal: Cents
    public var periods: [Period]
    public var capitalisations: [Capitalisation]
    public var payments: [AppliedPayment]
    /// All interest accrued from `interestFrom` through `through` (the sum of the periods).
    public var totalInterest: Cents
    /// Costs, interest and principal still owed at the end of `through`.
    public var outstanding: ClaimComponents
    /// Payments beyond everything owed: a credit of the client.
    public var credit: Cents
    /// Assumptions the figures rest on, for a person to check (e.g. a rate missing from the table).
    public var notes: [String]
}

/// Why interest could not be computed.
public enum InterestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A day needs a rate that the table does not have.
    case noRate(day: Day, tableStarts: Day)
    /// A principal, payment or charge was negative.
    case negativeAmount(what: String, amount: Cents)
    /// The amount is too large to compute exactly.
    case amountTooLarge(Cents)

    public var description: String {
        switch self {
        case .noRate(let day, let first):
            return "no statutory interest rate for \(day): the rate table starts on \(first); "
                + "add the older rates to Resources/rates/statutory-interest.tsv"
        case .negativeAmount(let what, let amount):
            return "\(what) is negative (\(amount)); enter credit notes and refunds as such"
        case .amountTooLarge(let amount):
            return "\(amount) is too large to compute interest on"
        }
    }
}

extension ClientKind {
    /// The article whose rate this kind of client owes: 6:119a BW for businesses, 6:119 BW for consumers.
    public var interestArticle: String { self == .business ? "6:119a BW" : "6:119 BW" }
}

extension InterestStatement.Period: CustomStringConvertible {
    /// `2025-02-01 – 2025-03-02  30 days  11.15% (6:119a BW) on EUR 1,000.00 = EUR 9.16`: one line of
    /// `titlehold interest INVOICE`.
    public var description: String {
        "\(from) – \(through)  \(days) day\(days == 1 ? "" : "s")  \(rate) (\(article)) on \(principal) = \(interest)"
    }
}
