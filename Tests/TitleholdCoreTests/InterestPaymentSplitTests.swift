import Testing
@testable import TitleholdCore

/// Art. 6:44 BW: a payment goes to costs, then interest, then principal.
@Suite struct InterestPaymentSplitTests {
    @Test(arguments: [
        // payment, → costs, interest, principal, surplus (owed: costs 40.00, interest 12.34, principal 1,000.00)
        (0 as Int64, 0 as Int64, 0 as Int64, 0 as Int64, 0 as Int64),
        (-500, 0, 0, 0, 0),
        (1_000, 1_000, 0, 0, 0),
        (4_000, 4_000, 0, 0, 0),
        (4_001, 4_000, 1, 0, 0),
        (5_234, 4_000, 1_234, 0, 0),
        (5_235, 4_000, 1_234, 1, 0),
        (105_234, 4_000, 1_234, 100_000, 0),
        (105_300, 4_000, 1_234, 100_000, 66),
    ])
    func split(payment: Int64, costs: Int64, interest: Int64, principal: Int64, surplus: Int64) {
        let owed = ClaimComponents(costs: Cents(4_000), interest: Cents(1_234), principal: Cents(100_000))
        let (remaining, split) = owed.paying(Cents(payment))
        #expect(split == ClaimComponents.Split(
            toCosts: Cents(costs), toInterest: Cents(interest), toPrincipal: Cents(principal), surplus: Cents(surplus)))
        #expect(remaining.total + split.toCosts + split.toInterest + split.toPrincipal == owed.total)
    }
}
