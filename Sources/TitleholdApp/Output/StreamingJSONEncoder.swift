import Foundation

/// The fast path of `CompactJSONEncoder`: writes a value straight into bytes, without a value
/// tree, as long as its containers are used one inside the other — as synthesized `Codable`
/// conformances and ordinary hand-written `encode(to:)` do. An object's members are written in
/// the order encoded and put into key order when the object is complete (each byte is moved once
/// per enclosing object).
///
/// Anything it does not follow step by step — a container written to after a later sibling was
/// started, a super encoder, a key set twice, a single value written twice, an error — makes it
/// give up (`Unsupported`), and `CompactJSONEncoder` encodes the value again through the tree,
/// so the output is always the tree encoder's (and so Foundation's).
final class JSONStream {
    struct Unsupported: Error {}

    /// An open container: where its bytes start, and for an object the members written so far
    /// (their values' byte ranges; the key is written when the object is put in order).
    final class Frame {
        enum Kind { case object, array, single }
        let kind: Kind
        let start: Int
        @exclusivity(unchecked) var members: [(key: String, start: Int, end: Int)] = []
        @exclusivity(unchecked) var count = 0
        /// For a container made by `nestedContainer`: the parent's member whose end it fixes.
        var parentMember: (frame: Frame, index: Int)?
        var closed = false

        init(kind: Kind, start: Int) { self.kind = kind; self.start = start }
    }

    // Unchecked: a stream is used by one encoding on one thread, and the run-time exclusivity
    // checks on every append cost a tenth of the encoding.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// Set when the value used something the stream does not follow; its bytes are then not used.
    var gaveUp = false
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var open: [Frame] = []
    let keys: KeyConversions

    init(keys: KeyConversions) {
        self.keys = keys
        bytes.reserveCapacity(4_096)
    }

    // MARK: Frames

    /// The container `make` makes, or nil — and the stream gives up — when it cannot.
    func attempt(_ make: () throws -> Frame) -> Frame? {
        do { return try make() } catch {
            gaveUp = true
            return nil
        }
    }

    func push(_ kind: Frame.Kind) -> Frame {
        let frame = Frame(kind: kind, start: bytes.count)
        if kind == .array { bytes.append(UInt8(ascii: "[")) }
        open.append(frame)
        return frame
    }

    /// Makes `frame` the innermost open container, closing the nested containers opened inside
    /// it since; a frame already closed means the value is not written in nesting order.
    func focus(_ frame: Frame) throws {
        guard !frame.closed else { throw Unsupported() }
        while let top = open.last, top !== frame { try close(top) }
        guard open.last === frame else { throw Unsupported() }
    }

    /// Completes `frame`: an array gets its `]`, an object its keys in order.
    func close(_ frame: Frame) throws {
        guard open.last === frame else { throw Unsupported() }
        open.removeLast()
        frame.closed = true
        switch frame.kind {
        case .single:
            // A single-value container given no value: the value encoded nothing, so `{}`.
            if frame.count == 0 { bytes.append(contentsOf: "{}".utf8) }
        case .array:
            bytes.append(UInt8(ascii: "]"))
        case .object:
            try order(frame)
        }
        if let (parent, index) = frame.parentMember { parent.members[index].end = bytes.count }
    }

    /// Rewrites an object's member values (written one after the other from `frame.start`) as
    /// `{"key":value,...}` in key order.
    private func order(_ frame: Frame) throws {
        frame.members.sort { $0.key < $1.key }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt8(ascii: "{"))
        var previous: String?
        for (position, member) in frame.members.enumerated() {
            if member.key == previous { throw Unsupported() }  // a key set twice: the tree keeps the last
            previous = member.key
            if position > 0 { scratch.append(UInt8(ascii: ",")) }
            JSONByteWriter.appendString(member.key, to: &scratch)
            scratch.append(UInt8(ascii: ":"))
            scratch.append(contentsOf: bytes[member.start..<member.end])
        }
        scratch.append(UInt8(ascii: "}"))
        bytes.removeSubrange(frame.start...)
        bytes.append(contentsOf: scratch)
    }

    // MARK: Values

    /// Writes `value` at the end of the bytes.
    func write<T: Encodable>(_ value: T) throws {
        switch keys.kind(of: T.self) {
        case .string: JSONByteWriter.appendString(value as! String, to: &bytes)
        case .int: bytes.append(contentsOf: String(value as! Int).utf8)
        case .int64: bytes.append(contentsOf: String(value as! Int64).utf8)
        case .bool: bytes.append(contentsOf: ((value as! Bool) ? "true" : "false").utf8)
        case .double, .float, .data, .url, .decimal, .stringKeyedDictionary:
            // Rare in reports: the tree's own writing of them, for one value.
            let node = try JSONTreeEncoder(parent: nil, key: nil, keys: keys).node(for: value)
            var writer = JSONByteWriter()
            writer.write(node)
            bytes.append(contentsOf: writer.bytes)
        case .other:
            let encoder = JSONStreamEncoder(stream: self)
            try value.encode(to: encoder)
            try encoder.finish()
        }
    }
}

/// The `Encoder` of one value in a `JSONStream`.
final class JSONStreamEncoder: Encoder {
    let stream: JSONStream
    private var frame: JSONStream.Frame?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(stream: JSONStream) { self.stream = stream }

    /// A super encoder: not followed here, so the stream gives up and the tree encodes the value.
    init(givingUp stream: JSONStream) {
        self.stream = stream
        stream.gaveUp = true
    }

    /// After the value's `encode(to:)`: closes its container (and any nested in it), or writes
    /// `{}` for a value that encoded nothing, as the tree does.
    func finish() throws {
        guard let frame else {
            stream.bytes.append(contentsOf: "{}".utf8)
            return
        }
        try stream.focus(frame)
        try stream.close(frame)
    }

    /// This value's container of `kind`, made on first use; asking again for the same kind
    /// continues it (a value flattening another into its object), another kind gives up.
    private func container(_ kind: JSONStream.Frame.Kind) throws -> JSONStream.Frame {
        guard !stream.gaveUp else { throw JSONStream.Unsupported() }
        if let frame {
            guard frame.kind == kind, kind != .single else {
                stream.gaveUp = true
                throw JSONStream.Unsupported()
            }
            return frame
        }
        let made = stream.push(kind)
        frame = made
        return made
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(stream: stream, frame: stream.attempt { try container(.object) }))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(stream: stream, frame: stream.attempt { try container(.array) })
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValue(stream: stream, frame: stream.attempt { try container(.single) })
    }
}

struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let stream: JSONStream
    /// The object; nil when this value cannot be streamed (the stream has given up).
    let frame: JSONStream.Frame?
    var codingPath: [any CodingKey] { [] }

    /// Writes one member: `body` writes its value at the end of the bytes.
    private func member(_ key: Key, _ body: () throws -> Void) throws {
        guard let frame else { throw JSONStream.Unsupported() }
        try stream.focus(frame)
        let start = stream.bytes.count
        try body()
        frame.members.append((stream.keys.snakeCased(key.stringValue), start, stream.bytes.count))
    }

    mutating func encodeNil(forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: "null".utf8) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try member(key) { stream.bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try member(key) { JSONByteWriter.appendString(value, to: &stream.bytes) }
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try member(key) { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { try member(key) { try stream.write(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try member(key) { try stream.write(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try member(key) { try stream.write(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                         forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(stream: stream, frame: stream.attempt { try nested(.object, key) }))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(stream: stream, frame: stream.attempt { try nested(.array, key) })
    }

    /// A container inside this object at `key`, open until this object writes again or closes.
    private func nested(_ kind: JSONStream.Frame.Kind, _ key: Key) throws -> JSONStream.Frame {
        guard let frame else { throw JSONStream.Unsupported() }
        try stream.focus(frame)
        let start = stream.bytes.count
        frame.members.append((stream.keys.snakeCased(key.stringValue), start, start))
        let child = stream.push(kind)
        child.parentMember = (frame, frame.members.count - 1)
        return child
    }

    mutating func superEncoder() -> any Encoder { JSONStreamEncoder(givingUp: stream) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { JSONStreamEncoder(givingUp: stream) }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let stream: JSONStream
    let frame: JSONStream.Frame?
    var codingPath: [any CodingKey] { [] }
    var count: Int { frame?.count ?? 0 }

    /// Writes one element: the comma before it, then `body` writes its value.
    private func element(_ body: () throws -> Void) throws {
        guard let frame else { throw JSONStream.Unsupported() }
        try stream.focus(frame)
        if frame.count > 0 { stream.bytes.append(UInt8(ascii: ",")) }
        frame.count += 1
        try body()
    }

    mutating func encodeNil() throws { try element { stream.bytes.append(contentsOf: "null".utf8) } }
    mutating func encode(_ value: Bool) throws { try element { stream.bytes.append(contentsOf: (value ? "true" : "false").utf8) } }
    mutating func encode(_ value: String) throws { try element { JSONByteWriter.appendString(value, to: &stream.bytes) } }
    mutating func encode(_ value: Int) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int8) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int16) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int32) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int64) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt8) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt16) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt32) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt64) throws { try element { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Double) throws { try element { try stream.write(value) } }
    mutating func encode(_ value: Float) throws { try element { try stream.write(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { try element { try stream.write(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(stream: stream, frame: stream.attempt { try nested(.object) }))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(stream: stream, frame: stream.attempt { try nested(.array) })
    }

    private func nested(_ kind: JSONStream.Frame.Kind) throws -> JSONStream.Frame {
        var child: JSONStream.Frame?
        try element { child = stream.push(kind) }
        return child!
    }

    mutating func superEncoder() -> any Encoder { JSONStreamEncoder(givingUp: stream) }
}

struct JSONStreamSingleValue: SingleValueEncodingContainer {
    let stream: JSONStream
    let frame: JSONStream.Frame?
    var codingPath: [any CodingKey] { [] }

    /// Writes the value, once.
    private func value(_ body: () throws -> Void) throws {
        guard let frame else { throw JSONStream.Unsupported() }
        try stream.focus(frame)
        guard frame.count == 0 else { throw JSONStream.Unsupported() }
        frame.count = 1
        try body()
    }

    mutating func encodeNil() throws { try value { stream.bytes.append(contentsOf: "null".utf8) } }
    mutating func encode(_ value: Bool) throws { try self.value { stream.bytes.append(contentsOf: (value ? "true" : "false").utf8) } }
    mutating func encode(_ value: String) throws { try self.value { JSONByteWriter.appendString(value, to: &stream.bytes) } }
    mutating func encode(_ value: Int) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int8) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int16) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int32) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Int64) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt8) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt16) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt32) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: UInt64) throws { try self.value { stream.bytes.append(contentsOf: String(value).utf8) } }
    mutating func encode(_ value: Double) throws { try self.value { try stream.write(value) } }
    mutating func encode(_ value: Float) throws { try self.value { try stream.write(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { try self.value { try stream.write(value) } }
}
