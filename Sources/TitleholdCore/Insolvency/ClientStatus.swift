/// A client's financial standing as recorded by hand (`titlehold clients status`).
///
/// Art. 10.3 of the terms lets the supplier take back retained goods when the client is in
/// default *or* "in, or heading for, payment difficulties"; every status other than `normal` is
/// such a difficulty. Art. 21.1 names bankruptcy and suspension of payments as grounds to end
/// the agreement. The three court procedures can come with a cooling-off period
/// (afkoelingsperiode) during which goods can only be claimed with the court's permission.
public enum ClientStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// No known payment difficulties.
    case normal
    /// Flagged by hand as heading for payment difficulties (art. 10.3 "dreigt te geraken").
    case difficulties
    /// Declared bankrupt (faillissement, art. 1 Fw). Cooling-off: art. 63a Fw.
    case bankrupt
    /// In suspension of payments (surseance van betaling, art. 214 Fw). Cooling-off: art. 241a Fw.
    case surseance
    /// In a court-supervised composition outside bankruptcy (WHOA-akkoord, art. 369 ff. Fw,
    /// since 2021). Cooling-off: art. 376 Fw.
    case whoa

    /// Whether the status is a payment difficulty in the sense of art. 10.3 (every status but `normal`).
    public var isPaymentDifficulty: Bool { self != .normal }

    /// Whether a court can order a cooling-off period under this status.
    public var allowsCoolingOff: Bool { coolingOffLimits != nil }

    /// The article of the Faillissementswet that governs this status's cooling-off period, if any.
    public var coolingOffArticle: String? { coolingOffLimits?.article }

    /// How long a cooling-off period may last (art. 63a, 241a, 376 Fw); `nil` when none can be ordered.
    public var coolingOffLimits: CoolingOffLimits? {
        switch self {
        case .normal, .difficulties: return nil
        case .bankrupt:
            return CoolingOffLimits(article: "63a Fw", firstMonths: 2, extensionMonths: 2, totalMonths: 4,
                                    permissionFrom: "the rechter-commissaris (supervisory judge)")
        case .surseance:
            return CoolingOffLimits(article: "241a Fw", firstMonths: 2, extensionMonths: 2, totalMonths: 4,
                                    permissionFrom: "the rechter-commissaris or, without one, the court")
        case .whoa:
            return CoolingOffLimits(article: "376 Fw", firstMonths: 4, extensionMonths: nil, totalMonths: 8,
                                    permissionFrom: "the court (rechtbank)")
        }
    }

    /// The Dutch term, for letters and listings.
    public var dutchTerm: String {
        switch self {
        case .normal: return "geen betalingsproblemen"
        case .difficulties: return "dreigende betalingsproblemen"
        case .bankrupt: return "faillissement"
        case .surseance: return "surseance van betaling"
        case .whoa: return "WHOA-akkoord"
        }
    }

    /// The court procedure, for "the cooling-off period in …": "bankruptcy (faillissement)".
    public var procedure: String {
        switch self {
        case .normal, .difficulties: return "no court procedure"
        case .bankrupt: return "bankruptcy (faillissement)"
        case .surseance: return "suspension of payments (surseance van betaling)"
        case .whoa: return "the WHOA composition (WHOA-akkoord)"
        }
    }

    /// A short English phrase: "bankrupt (faillissement)".
    public var label: String {
        switch self {
        case .normal: return "normal"
        case .difficulties: return "heading for payment difficulties"
        case .bankrupt: return "bankrupt (faillissement)"
        case .surseance: return "in suspension of payments (surseance van betaling)"
        case .whoa: return "in a WHOA composition (WHOA-akkoord)"
        }
    }
}

/// The statutory maximum of a cooling-off period.
///
/// - Art. 63a(1) Fw (bankruptcy) and 241a(1) Fw (surseance): at most 2 months, extendable once
///   by at most 2 months (4 months in all).
/// - Art. 376 Fw (WHOA): at most 4 months, extendable to at most 8 months in total. This service
///   allows one extension there too, like the other two.
public struct CoolingOffLimits: Sendable, Hashable {
    public var article: String
    /// The first period ends at most this many months after its start.
    public var firstMonths: Int
    /// The one extension adds at most this many months to the first period's end (`nil`: only `totalMonths` limits it).
    public var extensionMonths: Int?
    /// The whole period, extension included, ends at most this many months after its start.
    public var totalMonths: Int
    /// Who may permit a claim during the period.
    public var permissionFrom: String

    /// The latest last day of a first period whose first day is `start`: `firstMonths` counted from
    /// the start of that day end at the start of the same day of month `firstMonths` later
    /// (241a(1) Fw: "te rekenen vanaf het begin van de dag"), so the last day is the one before.
    /// A period from 1 March may last until 30 April at most; one from 31 December until the last
    /// day of February (that month has no 31st).
    public func latestFirstEnd(start: Day) -> Day { Self.lastDay(months: firstMonths, from: start) }

    /// The latest last day of the extension of a period whose first day is `start` and whose first
    /// last day was `firstEnd`: the extension runs from the day after `firstEnd`.
    public func latestExtendedEnd(start: Day, firstEnd: Day) -> Day {
        let total = Self.lastDay(months: totalMonths, from: start)
        guard let extensionMonths else { return total }
        return min(total, Self.lastDay(months: extensionMonths, from: firstEnd.adding(days: 1)))
    }

    /// The last day of a period of `months` months whose first day is `start`: the day before the
    /// same day of month `months` later, or the month's last day when that day does not exist.
    static func lastDay(months: Int, from start: Day) -> Day {
        let sameDay = start.adding(months: months)
        return sameDay.dayOfMonth < start.dayOfMonth ? sameDay : sameDay.adding(days: -1)
    }
}
