/// Extrajudicial collection costs by the statutory scale (Besluit vergoeding voor
/// buitengerechtelijke incassokosten, Stb. 2012, 141, "BIK"), art. 2:
///
/// | part of the principal | rate |
/// |---|---|
/// | first EUR 2,500 | 15% |
/// | next EUR 2,500 | 10% |
/// | next EUR 5,000 | 5% |
/// | next EUR 190,000 | 1% |
/// | above EUR 200,000 | 0.5% |
///
/// with a minimum of EUR 40 and a maximum of EUR 6,775. The scale is mandatory in favour of
/// consumers (art. 6:96(5) BW); the service uses it for businesses too. VAT is not added: the
/// supplier can reclaim it (BIK art. 2(3)).
public enum CollectionCosts {
    /// BIK art. 2(1): the minimum, EUR 40 (also the fixed minimum for businesses, art. 6:96(4) BW).
    public static let minimum = Cents(4_000)
    /// BIK art. 2(1): the maximum, EUR 6,775.
    public static let maximum = Cents(677_500)

    /// One band of the scale: the part of the principal it covers and the rate in tenths of a percent.
    public struct Band: Sendable, Hashable {
        /// Upper bound of the band in cents (`nil`: no bound).
        public var upTo: Cents?
        /// The rate in per mille: 150 = 15%.
        public var perMille: Int64
    }

    /// The bands of BIK art. 2(1), lowest first.
    public static let bands: [Band] = [
        Band(upTo: Cents(250_000), perMille: 150),
        Band(upTo: Cents(500_000), perMille: 100),
        Band(upTo: Cents(1_000_000), perMille: 50),
        Band(upTo: Cents(20_000_000), perMille: 10),
        Band(upTo: nil, perMille: 5),
    ]

    /// The part of `principal` in each band and what it adds, for printing the computation.
    public static func breakdown(principal: Cents) -> [(band: Band, part: Cents, costs: Cents)] {
        var result: [(Band, Cents, Cents)] = []
        var lower = Cents.zero
        for band in bands {
            guard principal > lower else { break }
            let upper = band.upTo.map { min($0, principal) } ?? principal
            let part = upper - lower
            result.append((band, part, roundedPerMille(part.value * band.perMille)))
            lower = upper
        }
        return result
    }

    /// BIK art. 2: the costs owed on `principal` (the sum of the principals of one debtor's claims
    /// named in one reminder, art. 6:96(7) BW; it may include interest added after a full year).
    /// Computed exactly over all bands and rounded half-up to the cent once, then held between the
    /// minimum and the maximum. Nothing is owed on a zero or negative principal.
    public static func scale(principal: Cents) -> Cents {
        guard principal > .zero else { return .zero }
        var lower = Int64(0)
        var thousandths = Int64(0)
        for band in bands {
            guard principal.value > lower else { break }
            let upper = band.upTo.map { min($0.value, principal.value) } ?? principal.value
            let (product, overflow) = (upper - lower).multipliedReportingOverflow(by: band.perMille)
            if overflow { return maximum }
            thousandths += product
            lower = upper
            if thousandths >= maximum.value * 1_000 { return maximum }
        }
        return min(max(roundedPerMille(thousandths), minimum), maximum)
    }

    private static func roundedPerMille(_ thousandthsOfCents: Int64) -> Cents {
        Cents((thousandthsOfCents + 500) / 1_000)
    }
}
