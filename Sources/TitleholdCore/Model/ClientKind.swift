/// Whether a client is a business or a consumer. It decides the interest rate (art. 6:119a
/// versus 6:119 BW), the limitation of the price claim (5 years, art. 3:307 BW, versus 2 years
/// for a consumer sale, art. 7:28 BW) and when collection costs may be charged (art. 6:96 BW).
public enum ClientKind: String, Sendable, Codable, CaseIterable {
    case business
    case consumer
}
