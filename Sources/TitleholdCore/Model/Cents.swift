/// An amount of money in euro cents. Prices are in euro (art. 13.1); amounts are never `Double`.
public struct Cents: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, AdditiveArithmetic
{
    public var value: Int64

    public init(_ value: Int64) { self.value = value }
    public init(integerLiteral value: Int64) { self.value = value }

    public static let zero = Cents(0)

    public static func + (a: Cents, b: Cents) -> Cents { Cents(a.value + b.value) }
    public static func - (a: Cents, b: Cents) -> Cents { Cents(a.value - b.value) }
    public static func < (a: Cents, b: Cents) -> Bool { a.value < b.value }
    public static prefix func - (a: Cents) -> Cents { Cents(-a.value) }

    public var isPositive: Bool { value > 0 }

    /// Parses a decimal amount as written in UBL and ISO 20022 documents (`1234.5`, `-0.50`, `12`):
    /// digits with an optional sign and at most two decimals. Anything else, including amounts with
    /// more than two decimals that are not zeros, exponents or thousands separators, is `nil`.
    public init?(decimal text: some StringProtocol) {
        var s = Substring(text).trimmingSpaces
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        // xs:decimal (the type of every UBL and camt.053 amount): digits with an optional point,
        // and digits on at least one side of it ("5.", ".5" and "5.50" are all amounts).
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, whole.allSatisfy(\.isASCIIDigit), whole.count <= 15 else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), !whole.isEmpty || !fraction.isEmpty else { return nil }
        while fraction.count > 2, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= 2 else { return nil }
        let cents = (Int64(whole) ?? 0) * 100 + Int64((fraction + String(repeating: "0", count: 2 - fraction.count)))!
        self.value = negative ? -cents : cents
    }

    /// `1234.50` — the plain decimal form used in files and JSON-adjacent text.
    public var decimalString: String {
        let sign = value < 0 ? "-" : ""
        let a = value.magnitude
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// `EUR 1,234.50` for people.
    public var description: String {
        // Written back to front into a buffer on the stack: every reason and letter line carries
        // an amount, and the string pieces (later a heap array) this took cost more than the rule
        // around it. The longest amount, `EUR -92,233,720,368,547,758.08`, has 31 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var end = buffer.count
            func put(_ byte: UInt8) { end -= 1; buffer[end] = byte }
            var rest = value.magnitude
            for _ in 0..<2 {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            }
            put(UInt8(ascii: "."))
            var count = 0
            repeat {
                if count > 0, count % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                count += 1
            } while rest > 0
            if value < 0 { put(UInt8(ascii: "-")) }
            for byte in " RUE".utf8 { put(byte) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end...]), as: UTF8.self)
        }
    }

    public init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
