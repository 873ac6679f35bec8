/// A UPC-A or UPC-E number (GS1 General Specifications §5.2.2.4 for the UPC-E zero suppression).
/// UPC-E is a compressed UPC-A; `upcA` and `gtin` give the expanded identity.
public struct UPC: Hashable, Sendable {
    public enum Format: String, Sendable, Hashable { case upcA = "UPC-A", upcE = "UPC-E" }

    /// The digits as given (12 for UPC-A; 6, 7 or 8 for UPC-E).
    public let value: String
    public let format: Format
    /// The 12-digit UPC-A form including check digit.
    public let upcA: String

    /// Parses 12 digits as UPC-A, or 6/7/8 digits as UPC-E (6: number system 0 and no check digit;
    /// 7: number system + 6 digits; 8: number system + 6 digits + check digit).
    public init(_ text: some StringProtocol) throws(BarcodeError) {
        let value = String(text)
        guard value.utf8.allSatisfy(GS1Linters.isDigit) else {
            throw BarcodeError(.invalidCharacter, "\(value) is not a UPC: it contains characters other than digits.")
        }
        let digits = Array(value.utf8)
        switch digits.count {
        case 12:
            guard GS1CheckDigit.isValid(value) else {
                throw BarcodeError(.badCheckDigit, "UPC-A \(value) has a bad check digit.")
            }
            self.format = .upcA
            self.upcA = value
        case 6, 7, 8:
            let numberSystem: UInt8 = digits.count == 6 ? 0x30 : digits[0]
            guard numberSystem == 0x30 || numberSystem == 0x31 else {
                throw BarcodeError(.invalidValue, "\(value) is not a UPC-E: the number system must be 0 or 1.")
            }
            let middle = digits.count == 6 ? digits : Array(digits[1...6])
            let body = UPC.expand(numberSystem: numberSystem, middle)
            guard let check = GS1CheckDigit.compute(ArraySlice(body)) else {
                throw BarcodeError(.invalidValue, "\(value) is not a UPC-E.")
            }
            if digits.count == 8, Int(digits[7] - 0x30) != check {
                throw BarcodeError(.badCheckDigit, "UPC-E \(value) has a bad check digit: expected \(check).")
            }
            self.format = .upcE
            self.upcA = String(decoding: body, as: UTF8.self) + String(check)
        default:
            throw BarcodeError(.badLength, "\(value) is not a UPC: UPC-A has 12 digits, UPC-E 6 to 8.")
        }
        self.value = value
    }

    /// The GTIN of the item (GTIN-12 in its 14-digit form).
    public var gtin: GTIN? { try? GTIN(upcA) }

    /// UPC-E zero suppression, reversed: the 11 data digits of UPC-A from number system + 6 digits.
    static func expand(numberSystem: UInt8, _ d: [UInt8]) -> [UInt8] {
        let zero: UInt8 = 0x30
        switch d[5] {
        case 0x30, 0x31, 0x32: return [numberSystem, d[0], d[1], d[5], zero, zero, zero, zero, d[2], d[3], d[4]]
        case 0x33: return [numberSystem, d[0], d[1], d[2], zero, zero, zero, zero, zero, d[3], d[4]]
        case 0x34: return [numberSystem, d[0], d[1], d[2], d[3], zero, zero, zero, zero, zero, d[4]]
        default: return [numberSystem, d[0], d[1], d[2], d[3], d[4], zero, zero, zero, zero, d[5]]
        }
    }

    /// The 6 UPC-E digits for a 12-digit UPC-A, or nil when the number cannot be zero-suppressed.
    static func compress(upcA: String) -> String? {
        let digits = Array(upcA.utf8)
        guard digits.count == 12, digits[0] == 0x30 || digits[0] == 0x31 else { return nil }
        var candidate = [UInt8](repeating: 0x30, count: 6)
        // Try each suppression pattern by rebuilding its 6 digits from the UPC-A positions.
        let patterns: [[Int]] = [[1, 2, 8, 9, 10, 3], [1, 2, 3, 9, 10, -3], [1, 2, 3, 4, 10, -4], [1, 2, 3, 4, 5, 10]]
        for pattern in patterns {
            for (slot, source) in pattern.enumerated() {
                candidate[slot] = source >= 0 ? digits[source] : UInt8(0x30 - source)
            }
            if pattern[5] == 10, candidate[5] < 0x35 { continue }
            if pattern[5] == 3, candidate[5] > 0x32 { continue }
            if expand(numberSystem: digits[0], candidate) == Array(digits[0..<11]) {
                return String(decoding: candidate, as: UTF8.self)
            }
        }
        return nil
    }
}
