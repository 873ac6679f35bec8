/// The GS1 mod-10 check digit (GS1 General Specifications §7.9.1): weights 3 and 1 alternating from
/// the rightmost data digit; used by GTIN-8/12/13/14, SSCC, GLN, GRAI, GSRN and friends.
public enum GS1CheckDigit {
    /// The check digit for the given data digits (without the check digit), or nil if any
    /// character is not a digit or there are none.
    public static func compute(_ digits: some StringProtocol) -> Int? {
        compute(ArraySlice(Array(digits.utf8)))
    }

    /// True when the last digit is the correct check digit for the digits before it.
    public static func isValid(_ digits: some StringProtocol) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2, let last = bytes.last, GS1Linters.isDigit(last),
            let expected = compute(ArraySlice(bytes.dropLast()))
        else { return false }
        return Int(last - 0x30) == expected
    }

    static func compute(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var sum = 0
        var weight = 3
        for byte in digits.reversed() {
            guard GS1Linters.isDigit(byte) else { return nil }
            sum += Int(byte - 0x30) * weight
            weight = 4 - weight
        }
        return (10 - sum % 10) % 10
    }
}
