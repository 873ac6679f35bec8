/// Validates a GTIN typed on the command line or found in a document.
public enum GTINCheck {
    /// The GTIN-14 for a GTIN-8/12/13/14 whose GS1 check digit is right (GS1 General
    /// Specifications §7.9: weights 3,1,3,… from the rightmost data digit); otherwise `nil`.
    public static func normalised(_ text: String) -> String? {
        let digits = Array(text.utf8)
        guard [8, 12, 13, 14].contains(digits.count), digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let values = digits.map { Int($0 - 48) }
        var sum = 0
        for (i, v) in values.dropLast().reversed().enumerated() { sum += v * (i % 2 == 0 ? 3 : 1) }
        guard (10 - sum % 10) % 10 == values.last else { return nil }
        return String(repeating: "0", count: 14 - digits.count) + text
    }
}
