/// A short text that `ClientLedger` keeps inside the value when it is at most 32 UTF-8 bytes,
/// in a `String` only when it is longer: an item's serial number, an invoice's payment reference.
///
/// Why not a `String`: Swift keeps strings of up to 15 bytes inline, and longer ones on the heap.
/// `owned` decodes a client's whole ledger for one question (issue 2, Speed); with 50 items of
/// 18-byte serials and a dozen 16-digit payment references that was over 60 allocations to
/// decode and as many to free, a quarter of the question. Serials are short (GS1 AI 21 allows
/// 20 characters; the vendor formats of the rulebook's tables are 7 to 12), and so are payment
/// references (a Dutch structured reference has 16 digits), so 32 bytes inline covers them.
/// A `String` is made when one is read, which only a reason naming another item, a flag or a
/// letter does.
///
/// Equal texts have equal storage (inline exactly when the text is at most 32 bytes, unused
/// bytes zero), so the synthesized equality and hashing compare the text.
public struct InlineText: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: Sendable, Hashable {
        case inline(UInt64, UInt64, UInt64, UInt64, count: UInt8)
        case string(String)
    }

    private var storage: Storage

    /// The most UTF-8 bytes kept inline.
    public static let inlineCapacity = 32

    public init(_ text: String) {
        var text = text
        let inline: InlineText? = text.withUTF8 { utf8 in
            utf8.count <= Self.inlineCapacity ? InlineText(inlineUTF8: UnsafeRawBufferPointer(utf8)) : nil
        }
        storage = inline?.storage ?? .string(text)
    }

    /// A serial from its UTF-8 bytes (a stored ledger slice); invalid UTF-8 is repaired when read.
    public init(utf8 bytes: UnsafeRawBufferPointer) {
        if bytes.count <= Self.inlineCapacity {
            self.init(inlineUTF8: bytes)
        } else {
            self.init(storage: .string(String(decoding: bytes, as: UTF8.self)))
        }
    }

    private init(storage: Storage) { self.storage = storage }

    private init(inlineUTF8 bytes: UnsafeRawBufferPointer) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
        self.init(storage: .inline(words.0, words.1, words.2, words.3, count: UInt8(bytes.count)))
    }

    public var string: String {
        switch storage {
        case .string(let text):
            return text
        case let .inline(w0, w1, w2, w3, count):
            var words = (w0, w1, w2, w3)
            return withUnsafeBytes(of: &words) { String(decoding: $0.prefix(Int(count)), as: UTF8.self) }
        }
    }

    public var description: String { string }
}
