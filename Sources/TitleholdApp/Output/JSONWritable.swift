import TitleholdCore

/// A report that writes its own compact JSON, without the `Encodable` machinery: the bytes its
/// `Encodable` conformance gives through `CompactJSONEncoder` (snake_case keys in sorted order,
/// nil left out unless written as null), which `CompactJSONEncoder` then uses instead.
///
/// Why: `flags --json` writes 50,000 items with a dozen reasons each (132 MB at 1,000,000 items);
/// through `Encodable`, even with `JSONStream`, most of the command's time went into the generic
/// containers and their reference counting (issue 4, Speed). Only the reports written in such
/// numbers conform. Each conformance lists its keys in sorted order by hand, and a test compares
/// its bytes with Foundation's `JSONEncoder` on the same values, so the two encodings cannot drift
/// apart unnoticed.
public protocol JSONWritable: Encodable {
    func writeJSON(to json: inout JSONWriter)
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) { json.array(self) }
}

/// Compact JSON written straight into bytes, for `JSONWritable`. Commas are placed by the writer:
/// call `key` before each member's value in an object, and the value methods in an array.
///
/// One writer per document, passed `inout`: its bytes are in a buffer of its own (`JSONBytes`),
/// which a copy of the writer would share.
public struct JSONWriter {
    private let buffer: JSONBytes
    /// A value or member was written in the current container: the next one needs a comma first.
    private var afterValue = false

    /// Where the bytes go as they gather, if not kept whole in the buffer.
    private let sink: ((UnsafeRawBufferPointer) -> Void)?
    private static let sinkThreshold = 1 << 20

    /// The first buffer for one answer (a report of under a kilobyte): a buffer that size comes
    /// from malloc's per-thread cache, where 4 KiB does not; a longer answer grows it.
    public static let answerCapacity = 960

    public init(capacity: Int = 4_096) {
        sink = nil
        buffer = JSONBytes(capacity: capacity)
    }

    /// A writer that hands its bytes to `sink` in pieces of about 1 MiB (`flushIfFull`, between
    /// the elements of an array) and the rest on `finish()`: a large answer such as `flags
    /// --json` (132 MB at 1,000,000 items) is then never held whole in memory.
    public init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
        buffer = JSONBytes(capacity: Self.sinkThreshold + 64 * 1_024)
    }

    /// A copy of the bytes written so far (not yet handed to a sink).
    public var bytes: [UInt8] { Array(buffer.written) }

    /// `body` with the bytes written so far, without copying them (valid only inside `body`).
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(buffer.written)
    }

    /// Hands what has gathered to the sink once it is about 1 MiB; without a sink, nothing.
    public mutating func flushIfFull() {
        guard let sink, buffer.count >= Self.sinkThreshold else { return }
        sink(buffer.written)
        buffer.removeAll()
    }

    /// Hands the rest to the sink, if there is one.
    public mutating func finish() {
        guard let sink, buffer.count > 0 else { return }
        sink(buffer.written)
        buffer.removeAll()
    }

    /// The elements as a JSON array, handing full pieces to the sink between elements (a lazy
    /// sequence is written as it is produced: `flags --json`, client by client).
    public mutating func array<Elements: Sequence>(_ elements: Elements) where Elements.Element: JSONWritable {
        beginArray()
        for element in elements {
            element.writeJSON(to: &self)
            flushIfFull()
        }
        endArray()
    }

    /// A byte outside any JSON value (the newline after a document).
    public mutating func raw(_ byte: UInt8) { buffer.append(byte) }

    public mutating func beginObject() { separate(); buffer.append(UInt8(ascii: "{")); afterValue = false }
    public mutating func endObject() { buffer.append(UInt8(ascii: "}")); afterValue = true }
    public mutating func beginArray() { separate(); buffer.append(UInt8(ascii: "[")); afterValue = false }
    public mutating func endArray() { buffer.append(UInt8(ascii: "]")); afterValue = true }

    /// A member's name, already in snake case (a literal of the conforming type).
    public mutating func key(_ name: StaticString) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
        afterValue = false
    }

    public mutating func string(_ text: String) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        // In place when the string is stored as UTF-8 (a native one always is): `withUTF8` would
        // need a mutable copy, a reference count taken and dropped per string.
        if text.utf8.withContiguousStorageIfAvailable({ utf8 in JSONByteWriter.escape(utf8) { buffer.append($0) } }) == nil {
            var copy = text
            copy.withUTF8 { utf8 in JSONByteWriter.escape(utf8) { buffer.append($0) } }
        }
        buffer.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// An integer in decimal, as `JSONEncoder` writes it.
    public mutating func integer<Integer: BinaryInteger>(_ value: Integer) {
        separate()
        if let small = Int64(exactly: value) {
            withDecimalDigits(of: small) { buffer.append($0) }
        } else {
            var text = String(value)
            text.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
        }
        afterValue = true
    }

    public mutating func bool(_ flag: Bool) { literal(flag ? "true" : "false") }
    public mutating func null() { literal("null") }

    /// A day as its `Codable` form: the ISO 8601 date in quotes.
    public mutating func day(_ day: Day) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        // Digits and dashes: nothing to escape. Written from the stack, no string made.
        if day.withISOBytes({ buffer.append($0) }) == nil {
            var text = day.description
            text.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
        }
        buffer.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// A day, or null.
    public mutating func day(orNull day: Day?) { if let day { self.day(day) } else { null() } }

    /// `body`'s member only when `value` is not nil (`encodeIfPresent`).
    public mutating func member<T>(_ name: StaticString, ifPresent value: T?, _ write: (inout JSONWriter, T) -> Void) {
        guard let value else { return }
        key(name)
        write(&self, value)
    }

    private mutating func literal(_ text: StaticString) {
        separate()
        buffer.append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        afterValue = true
    }

    private mutating func separate() { if afterValue { buffer.append(UInt8(ascii: ",")) } }
}
