/// Writes a short text into one string of exactly its length: `write` runs twice, first to count
/// the bytes, then to put them into the string's own storage.
///
/// Why: every question `owned` answers puts a reason or two into words (issue 2, Speed), and
/// appending a string piece by piece grew and copied it several times, each number through a
/// string of its own. Pieces that take work to make (a date, an amount) are made once by the
/// caller and handed in; literals and integers cost nothing to write twice.
public struct TextBuilder {
    private let buffer: UnsafeMutableBufferPointer<UInt8>?
    private(set) var count = 0

    private init(buffer: UnsafeMutableBufferPointer<UInt8>?) { self.buffer = buffer }

    public static func string(_ write: (inout TextBuilder) -> Void) -> String {
        var counting = TextBuilder(buffer: nil)
        write(&counting)
        return String(unsafeUninitializedCapacity: counting.count) { storage in
            var builder = TextBuilder(buffer: storage)
            write(&builder)
            precondition(builder.count == counting.count, "a TextBuilder's text changed between its two passes")
            return builder.count
        }
    }

    public mutating func append(_ literal: StaticString) {
        put(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }

    /// `day` as `YYYY-MM-DD` (its `description`), written from the stack without a string.
    public mutating func append(_ day: Day) {
        if day.withISOBytes({ put($0) }) == nil { append(day.description) }
    }

    /// `value` in decimal digits, with a minus sign when negative.
    public mutating func append(_ value: Int) {
        withDecimalDigits(of: Int64(value)) { put($0) }
    }

    private mutating func put(_ bytes: UnsafeRawBufferPointer) {
        if let buffer, bytes.count > 0 {
            precondition(count + bytes.count <= buffer.count, "a TextBuilder's text grew between its two passes")
            UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[count...]).copyMemory(from: bytes)
        }
        count += bytes.count
    }
}
