/// When a price claim becomes time-barred (verjaard). Once it is, the suspensive condition of
/// the retention of title counts as fulfilled (art. 3:92(3) BW) and title passes.
public enum Limitation {
    /// The first day on which the claim is time-barred.
    ///
    /// The period starts on the day after the claim became due and runs 5 years for a business
    /// (art. 3:307 BW) or 2 years for a consumer sale (art. 7:28 BW). A written reminder or
    /// notice interrupts the period and starts a new one (art. 3:317 and 3:319 BW): pass the
    /// date of the last such letter as `interruptedOn`.
    public static func barredOn(dueDate: Day, clientKind: ClientKind, interruptedOn: Day? = nil) -> Day {
        let years = clientKind == .consumer ? 2 : 5
        var start = dueDate.adding(days: 1)
        if let interruptedOn, interruptedOn.adding(days: 1) > start { start = interruptedOn.adding(days: 1) }
        return start.adding(years: years)
    }
}
