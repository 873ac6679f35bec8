import Foundation
import TitleholdCore

/// Writes `Encodable` values as compact JSON with snake_case keys in sorted order: the bytes
/// Foundation's `JSONEncoder` writes with `.convertToSnakeCase` and
/// `[.sortedKeys, .withoutEscapingSlashes]` (what every `--json` into a pipe and every API
/// response uses), several times faster.
///
/// Why: `flags --json` writes 50,000 objects with their reasons and `dunning --json` 27,000; with
/// Foundation most of the command's time went into converting the same few key names to snake
/// case again for every object and into its generic value tree (issue 4, Speed; the API's
/// look-up, issue 6). Here each key is converted once per process, and a value whose containers
/// nest is written straight into bytes (`JSONStream`, StreamingJSONEncoder.swift); any other
/// value goes into a small tree (`JSONTreeEncoder`, below) that is then written out.
///
/// What it mirrors of Foundation, so the output is the same byte for byte (tests compare the
/// two on the demo ledger's reports and on tables of edge cases):
/// - keys of `CodingKeys` are converted to snake case (`CamelCase.snakeCased`); the keys of a
///   `[String: V]` dictionary are written as they are;
/// - nil in a keyed container is left out (`encodeIfPresent`), an explicit `encodeNil` writes null;
/// - `Double`/`Float` as their shortest representation without a trailing `.0`; NaN and
///   infinity are refused; `Data` as Base64, `URL` as its absolute string, `Decimal` as a number;
/// - strings escape `"`, `\` and control characters; `/` and non-ASCII are written as they are.
/// Pretty printing is not done here: at a terminal the CLI still uses Foundation.
public struct CompactJSONEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        // A report that writes itself (JSONWritable.swift), or an array of them.
        if let writable = value as? any JSONWritable {
            var json = JSONWriter(capacity: JSONWriter.answerCapacity)
            writable.writeJSON(to: &json)
            return json.bytes
        }
        let keys = KeyConversions()
        // Straight into bytes when the value nests its containers (all our reports do); through
        // the tree otherwise, or to throw the error with its coding path.
        let stream = JSONStream(keys: keys)
        if (try? stream.write(value)) != nil, !stream.gaveUp { return stream.bytes }
        let node = try JSONTreeEncoder(parent: nil, key: nil, keys: keys).node(for: value)
        var writer = JSONByteWriter()
        writer.write(node)
        return writer.bytes
    }

    public func encodeToString<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

/// What one encoder run learns once and uses for every value: snake-case key names, and how
/// each type is written (a dynamic cast per value cost more than the rest of its encoding).
final class KeyConversions {
    private var cache: [String: String] = [:]
    private var kinds: [ObjectIdentifier: ValueKind] = [:]

    /// Names converted by any run in this process: the service encodes one small report per
    /// request, and converting its keys anew each time cost more than the rest of the encoding.
    /// Only `CodingKey` names come here (not dictionary keys), so it stays as small as the code's
    /// set of property names.
    private static let converted = ConvertedNames()

    func snakeCased(_ key: String) -> String {
        if let known = cache[key] { return known }
        let converted = Self.converted.name(for: key)
        cache[key] = converted
        return converted
    }

    /// The types Foundation writes in a way of their own, and the rest.
    enum ValueKind {
        case string, int, int64, bool, double, float, data, url, decimal, stringKeyedDictionary, other
    }

    func kind<T>(of type: T.Type) -> ValueKind {
        let id = ObjectIdentifier(type)
        if let known = kinds[id] { return known }
        let kind: ValueKind
        switch type {
        case is String.Type: kind = .string
        case is Int.Type: kind = .int
        case is Int64.Type: kind = .int64
        case is Bool.Type: kind = .bool
        case is Double.Type: kind = .double
        case is Float.Type: kind = .float
        case is Data.Type: kind = .data
        case is URL.Type: kind = .url
        case is Decimal.Type: kind = .decimal
        case is any StringKeyedEncodableDictionary.Type: kind = .stringKeyedDictionary
        default: kind = .other
        }
        kinds[id] = kind
        return kind
    }
}

/// The process-wide table of converted key names. Read far more often than written, and by
/// every request of the service at once, so readers share a read lock: with a mutex the two
/// event-loop threads kept waking each other for it (context switches per request quadrupled).
final class ConvertedNames: @unchecked Sendable {
    // @unchecked: `names` is read under the read lock and written under the write lock.
    private var names: [String: String] = [:]
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func name(for key: String) -> String {
        pthread_rwlock_rdlock(lock)
        let known = names[key]
        pthread_rwlock_unlock(lock)
        if let known { return known }
        let name = CamelCase.snakeCased(key)
        pthread_rwlock_wrlock(lock)
        names[key] = name
        pthread_rwlock_unlock(lock)
        return name
    }
}

/// A JSON value before it is written. Objects and arrays are boxes, so a container handed out
/// by the encoder keeps adding to the value already placed in its parent.
enum JSONNode {
    case null
    case bool(Bool)
    /// A number already in its JSON text (integers, formatted floating point, decimals).
    case number(String)
    case string(String)
    case object(JSONObjectBox)
    case array(JSONArrayBox)
    /// What a `superEncoder` encodes, read when the tree is written (an empty object if nothing).
    case deferred(JSONTreeEncoder)
}

final class JSONObjectBox {
    var entries: [(key: String, value: JSONNode)] = []

    init() { entries.reserveCapacity(8) }

    /// Sets `key`; a key set twice keeps its last value (as Foundation).
    func set(_ key: String, _ value: JSONNode) {
        if let index = entries.firstIndex(where: { $0.key == key }) { entries[index].value = value; return }
        entries.append((key, value))
    }
}

final class JSONArrayBox {
    var values: [JSONNode] = []
}

/// Marks `[String: V]` dictionaries, whose keys are data and are not converted to snake case.
protocol StringKeyedEncodableDictionary {
    func encodeEntries(into encoder: JSONTreeEncoder) throws -> JSONObjectBox
}

extension Dictionary: StringKeyedEncodableDictionary where Key == String, Value: Encodable {
    func encodeEntries(into encoder: JSONTreeEncoder) throws -> JSONObjectBox {
        let box = JSONObjectBox()
        for (key, value) in self {
            box.set(key, try encoder.node(for: value, at: DictionaryKey(stringValue: key)))
        }
        return box
    }
}

/// A coding key made from a string or an index (dictionary keys, array positions in paths).
struct DictionaryKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
    static let superKey = DictionaryKey(stringValue: "super")
}

/// The `Encoder` that builds a `JSONNode` tree.
final class JSONTreeEncoder: Encoder {
    /// The coding path, kept as a link to the parent and built only when asked for (errors):
    /// building it for every value cost an array per value.
    private let parent: JSONTreeEncoder?
    private let key: (any CodingKey)?
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder, let key = current.key { path.append(key); encoder = current.parent }
        return path.reversed()
    }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let keys: KeyConversions
    /// What has been encoded at this level so far.
    var value: JSONNode?

    init(parent: JSONTreeEncoder?, key: (any CodingKey)?, keys: KeyConversions) {
        self.parent = parent
        self.key = key
        self.keys = keys
    }

    /// An encoder one level down, for the value at `key`.
    func nested(key: any CodingKey) -> JSONTreeEncoder {
        JSONTreeEncoder(parent: self, key: key, keys: keys)
    }

    /// The node of `value` at `key` below this level: a value Foundation writes directly needs
    /// no encoder of its own.
    func node<T: Encodable>(for value: T, at key: @autoclosure () -> any CodingKey) throws -> JSONNode {
        if let node = try direct(value, path: { self.codingPath + [key()] }) { return node }
        return try nested(key: key()).encoded(value)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONObjectBox
        if case .object(let existing) = value { box = existing } else {
            box = JSONObjectBox()
            value = .object(box)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing) = value { box = existing } else {
            box = JSONArrayBox()
            value = .array(box)
        }
        return JSONUnkeyedContainer(encoder: self, box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleValueContainer(encoder: self) }

    /// The node for `value` at this level: the types Foundation writes in a special way first,
    /// then the value's own `encode(to:)`. A value that encodes nothing is an empty object, as in Foundation.
    func node<T: Encodable>(for value: T) throws -> JSONNode {
        if let node = try direct(value, path: { self.codingPath }) { return node }
        return try JSONTreeEncoder(parent: parent, key: key, keys: keys).encoded(value)
    }

    /// `value` through its own `encode(to:)` into this (fresh) encoder.
    private func encoded<T: Encodable>(_ value: T) throws -> JSONNode {
        if keys.kind(of: T.self) == .stringKeyedDictionary {
            return .object(try (value as! any StringKeyedEncodableDictionary).encodeEntries(into: self))
        }
        try value.encode(to: self)
        return self.value ?? .object(JSONObjectBox())
    }

    /// The node of a value of a type Foundation writes in a way of its own, or nil for the rest.
    private func direct<T: Encodable>(_ value: T, path: () -> [any CodingKey]) throws -> JSONNode? {
        switch keys.kind(of: T.self) {
        case .string: return .string(value as! String)
        case .int: return .number(String(value as! Int))
        case .int64: return .number(String(value as! Int64))
        case .bool: return .bool(value as! Bool)
        case .double: return try Self.number(value as! Double, at: path())
        case .float:
            let number = value as! Float
            return try Self.number(Double(number), float: number.description, at: path())
        case .data: return .string((value as! Data).base64EncodedString())
        case .url: return .string((value as! URL).absoluteString)
        case .decimal: return .number((value as! Decimal).description)
        case .stringKeyedDictionary, .other: return nil
        }
    }

    /// A floating-point number as Foundation writes it: its shortest form, without `.0`.
    static func number(_ number: Double, float: String? = nil, at path: [any CodingKey]) throws -> JSONNode {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, EncodingError.Context(
                codingPath: path, debugDescription: "Unable to encode \(number) directly in JSON."))
        }
        var text = float ?? number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let box: JSONObjectBox
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func name(_ key: Key) -> String { encoder.keys.snakeCased(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { box.set(name(key), .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(name(key), .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(name(key), .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.set(name(key), try JSONTreeEncoder.number(value, at: codingPath + [key]))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(name(key), .number(String(value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.set(name(key), try JSONTreeEncoder.number(Double(value), float: value.description, at: codingPath + [key]))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(name(key), try encoder.node(for: value, at: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                         forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.set(name(key), .object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder.nested(key: key), box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.set(name(key), .array(nested))
        return JSONUnkeyedContainer(encoder: encoder.nested(key: key), box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let sub = encoder.nested(key: DictionaryKey.superKey)
        box.set("super", .deferred(sub))
        return sub
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let sub = encoder.nested(key: key)
        box.set(name(key), .deferred(sub))
        return sub
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let box: JSONArrayBox
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { box.values.count }

    private var nextKey: DictionaryKey { DictionaryKey(intValue: box.values.count) }

    mutating func encodeNil() throws { box.values.append(.null) }
    mutating func encode(_ value: Bool) throws { box.values.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.values.append(.string(value)) }
    mutating func encode(_ value: Int) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { box.values.append(.number(String(value))) }
    mutating func encode(_ value: Double) throws { box.values.append(try JSONTreeEncoder.number(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Float) throws {
        box.values.append(try JSONTreeEncoder.number(Double(value), float: value.description, at: codingPath + [nextKey]))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.values.append(try encoder.node(for: value, at: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        let nested = JSONObjectBox()
        box.values.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder.nested(key: key), box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        let nested = JSONArrayBox()
        box.values.append(.array(nested))
        return JSONUnkeyedContainer(encoder: encoder.nested(key: key), box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let sub = encoder.nested(key: nextKey)
        box.values.append(.deferred(sub))
        return sub
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.value = .null }
    mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.value = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Double) throws { encoder.value = try JSONTreeEncoder.number(value, at: codingPath) }
    mutating func encode(_ value: Int8) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Float) throws {
        encoder.value = try JSONTreeEncoder.number(Double(value), float: value.description, at: codingPath)
    }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.value = try encoder.node(for: value) }
}

/// Writes a `JSONNode` as compact JSON, object keys in sorted order.
struct JSONByteWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4_096) }

    mutating func write(_ node: JSONNode) {
        switch node {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): write(string: text)
        case .deferred(let encoder): write(encoder.value ?? .object(JSONObjectBox()))
        case .array(let box):
            bytes.append(UInt8(ascii: "["))
            for (index, value) in box.values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(value)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let box):
            bytes.append(UInt8(ascii: "{"))
            box.entries.sort { $0.key < $1.key }
            for (position, entry) in box.entries.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: entry.key)
                bytes.append(UInt8(ascii: ":"))
                write(entry.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A string literal: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`.
    mutating func write(string text: String) { Self.appendString(text, to: &bytes) }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in escape(utf8) { bytes.append(contentsOf: $0) } }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Hands `utf8` to `emit` as the inside of a JSON string: the runs that need no escaping as
    /// they are, each `"`, `\` and control character as its escape (`\n`-style or `\u00XX`).
    @inline(__always)
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        var index = 0
        while index < utf8.count {
            // Eight bytes at a time while none needs escaping (most text needs none).
            if index + 8 <= utf8.count,
               !needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            emit(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[start..<(index - 1)])))
            start = index
            let short: UInt8? = switch byte {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case 0x08: UInt8(ascii: "b")
            case 0x0C: UInt8(ascii: "f")
            case 0x0A: UInt8(ascii: "n")
            case 0x0D: UInt8(ascii: "r")
            case 0x09: UInt8(ascii: "t")
            default: nil
            }
            func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10 }
            let sequence: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (UInt8(ascii: "\\"), short ?? UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(byte >> 4), hex(byte & 0x0F))
            withUnsafeBytes(of: sequence) { emit(UnsafeRawBufferPointer(rebasing: $0[0..<(short == nil ? 6 : 2)])) }
        }
        emit(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[start...])))
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\` (the bytes a
    /// JSON string escapes). Exact, with the usual word tricks: a byte below 0x20, or a byte that
    /// is zero after XOR with the quote or the backslash, sets its high bit in the result.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below20 = (word &- ones &* 0x20) & ~word & highs
        return (below20 | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C))) != 0
    }
}
