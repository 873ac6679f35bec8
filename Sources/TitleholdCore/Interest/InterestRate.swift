/// A yearly interest rate, held exactly as millionths (1% = 10,000), never as `Double`, so that
/// money math stays exact (design.md "Money"). The published Dutch rates have at most two
/// decimals in percent (11.15%), which this holds with room to spare.
public struct InterestRate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The rate in millionths per year: 8% = 80,000.
    public let perMillion: Int64

    public init(perMillion: Int64) { self.perMillion = perMillion }

    /// A rate in basis points: 1115 = 11.15%.
    public init(basisPoints: Int64) { self.perMillion = basisPoints * 100 }

    /// Parses a percentage written as a decimal, with or without `%`: `8`, `12.25`, `10.15%`.
    /// At most four decimals; negative rates and anything else are `nil`.
    public init?(percent text: some StringProtocol) {
        var s = Substring(text).trimmingSpaces
        if s.last == "%" { s = s.dropLast().trimmingSpaces }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 4,
              whole.allSatisfy(\.isASCIIDigit), let wholeValue = Int64(whole) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= 4, fraction.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        let padded = fraction + String(repeating: "0", count: 4 - fraction.count)
        guard let fractionValue = Int64(padded) else { return nil }
        self.perMillion = wholeValue * 10_000 + fractionValue
    }

    public static func < (a: InterestRate, b: InterestRate) -> Bool { a.perMillion < b.perMillion }

    /// `11.15%`, `8%`: as few decimals as needed.
    public var description: String {
        var fraction = String(perMillion % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return "\(perMillion / 10_000)" + (fraction.isEmpty ? "" : ".\(fraction)") + "%"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let rate = InterestRate(percent: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a percentage like 12.25")
        }
        self = rate
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(description.dropLast()))
    }
}
