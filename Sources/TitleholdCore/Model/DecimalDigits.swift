/// `value` in decimal, as `String(value)` writes it, handed to `body` as UTF-8 bytes without
/// making a string: the reasons of `owned` and the JSON of every answer write many numbers.
@inlinable
public func withDecimalDigits<Result>(of value: Int64, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    // A sign and the 19 digits of the largest magnitude.
    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
        var rest = value.magnitude
        var start = digits.count
        repeat {
            start -= 1
            digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        if value < 0 {
            start -= 1
            digits[start] = UInt8(ascii: "-")
        }
        return try body(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(digits)[start...]))
    }
}
