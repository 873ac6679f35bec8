/// When a price claim is time-barred (verjaard), counting the letters and acknowledgements that
/// interrupted the period.
///
/// - The period starts on the day after the due date and runs 5 years (art. 3:307 BW), or 2 years
///   for the price of a consumer sale (art. 7:28 BW; other consumer claims keep 5 years).
/// - A written reminder or notice interrupts it (art. 3:317 BW), as does the client's
///   acknowledgement, for instance a part payment (art. 3:318 BW). A new period of the same length,
///   at most 5 years, starts on the next day (art. 3:319 BW). Decision: the service counts a letter
///   from the day it was *sent*, not from its receipt, so it never treats a claim as alive longer
///   than it surely is; only recorded letters count.
/// - A letter sent after the claim was barred does not revive it, and one sent on or before the due
///   date interrupts nothing (no period is running yet).
///
/// Once barred, the retention of title's condition counts as fulfilled (art. 3:92(3) BW).
public struct PriceClaimLimitation: Sendable, Hashable {
    /// The first day on which the claim is barred.
    public var barredFrom: Day
    /// 5 or 2.
    public var years: Int
    /// "3:307 BW" or "7:28 BW".
    public var article: String
    /// The interruptions that moved the period, in date order.
    public var interruptions: [Day]
    public var reasons: [DunningReason]

    public init(dueDate: Day, clientKind: ClientKind, isSaleOfGoods: Bool = true, interruptions candidates: [Day] = []) {
        let consumerSale = clientKind == .consumer && isSaleOfGoods
        years = consumerSale ? 2 : 5
        article = consumerSale ? "7:28 BW" : "3:307 BW"
        var barred = dueDate.adding(days: 1).adding(years: years)
        var reasons = [DunningReason(
            article: article,
            text: "the price claim (due \(dueDate)) becomes time-barred \(years) years after the day after its due date, on \(barred)"
                + (consumerSale ? " (consumer sale)" : ""))]
        var counted: [Day] = []
        for day in Set(candidates).sorted() where day > dueDate {
            guard day < barred else {
                reasons.append(DunningReason(
                    article: "3:317 BW", text: "the letter or acknowledgement of \(day) came after the claim was barred on \(barred); it does not revive it"))
                break
            }
            barred = day.adding(days: 1).adding(years: years)
            counted.append(day)
        }
        if let last = counted.last {
            reasons.append(DunningReason(
                article: "3:317, 3:319 BW",
                text: "interrupted \(counted.count == 1 ? "once" : "\(counted.count) times"), last on \(last); "
                    + "a new period of \(years) years ends the claim on \(barred)"))
        }
        self.barredFrom = barred
        self.interruptions = counted
        self.reasons = reasons
    }

    /// The first day the claim is barred, by the same rules as `init`, without putting the reasons
    /// into words (the ownership rule asks this for every invoice of a client).
    public static func barredFrom(dueDate: Day, clientKind: ClientKind, isSaleOfGoods: Bool = true,
                                  interruptions: [Day] = []) -> Day {
        let years = clientKind == .consumer && isSaleOfGoods ? 2 : 5
        var barred = dueDate.adding(days: 1).adding(years: years)
        guard !interruptions.isEmpty else { return barred }
        for day in Set(interruptions).sorted() where day > dueDate {
            guard day < barred else { break }
            barred = day.adding(days: 1).adding(years: years)
        }
        return barred
    }

    /// Whether the claim is barred on `day`.
    public func isBarred(on day: Day) -> Bool { day >= barredFrom }
}
