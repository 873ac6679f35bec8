import Foundation
import LedgerStore
import TestSupport
import Testing
@testable import TitleholdApp
import TitleholdCore

/// `CompactJSONEncoder` writes what Foundation's `JSONEncoder` writes with `.convertToSnakeCase`
/// and `[.sortedKeys, .withoutEscapingSlashes]`, byte for byte: on tables of edge cases and on
/// every kind of report the CLI and the API send, built from the demo ledger.
@Suite(.removesTemporaryFolders) struct CompactJSONEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func expectSame<T: Encodable>(_ value: T, _ comment: Comment? = nil,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try CompactJSONEncoder().encodeToString(value)
        let theirs = try foundation(value)
        #expect(ours == theirs, comment, sourceLocation: sourceLocation)
    }

    /// An object whose keys are the given names, each with its position as the value.
    struct Keys: Encodable {
        var names: [String]
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (index, name) in names.enumerated() { try container.encode(index, forKey: Key(stringValue: name)) }
        }
    }

    @Test(arguments: [
        "dueDate", "valueCents", "blockedUntil", "nextStepOn", "myURLProperty", "URL", "isHTTPS", "a1B2c",
        "already_snake", "x", "X", "ABC", "aBC", "ABCdef", "iban", "IBANNumber", "invoiceID", "id", "e2eID",
        "oneTwoThree4Five", "vatNL", "with space", "ÄrgerNis", "",
    ])
    func keyNamesConvertAsFoundationDoes(name: String) throws {
        try Self.expectSame(Keys(names: [name]), "key \(name)")
    }

    struct Scalars: Encodable {
        var text: String
        var double: Double
        var float: Float
        var small: Int8 = -128
        var big: UInt64 = .max
        var least: Int64 = .min
        var flag = true
        var missing: String? = nil
        var decimal = Decimal(string: "1548.93")!
        var data = Data([0, 1, 2, 250, 255])
        var url = URL(string: "https://example.com/a/b?c=d")!
    }

    @Test(arguments: [
        "plain", "", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\rcr", "bell \u{07} nul \u{00} esc \u{1B}",
        "\u{7F} del", "Curaçao – € ✓ 😀", "line\u{2028}separator", "\u{0C}\u{08}",
    ])
    func stringsEscapeAsFoundationDoes(text: String) throws {
        try Self.expectSame(Scalars(text: text, double: 1, float: 1), "string \(text.debugDescription)")
    }

    /// Strings are checked eight bytes at a time: a character to escape at every offset within
    /// and across those words, next to multi-byte characters and the bytes just outside the set.
    @Test(arguments: ["\"", "\\", "\n", "\u{01}", "\u{1F}"])
    func escapesAreFoundAtEveryOffset(special: String) throws {
        for offset in 0..<20 {
            for filler in ["a", "é", " ", "!", "#", "[", "]", "\u{7F}"] {
                let text = String(repeating: filler, count: offset) + special + String(repeating: filler, count: 17 - offset % 17)
                try Self.expectSame(Scalars(text: text, double: 1, float: 1), "\(text.debugDescription)")
            }
        }
    }

    @Test(arguments: [0.0, -0.0, 1.0, 0.1, 1548.93, 1e-7, 1e21, 123456789012345.0, -2.5, 1e-45, 3e38])
    func numbersAsFoundationWritesThem(number: Double) throws {
        try Self.expectSame(Scalars(text: "", double: number, float: Float(number)), "number \(number)")
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPath() throws {
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode(Scalars(text: "", double: .nan, float: 0)) }
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode([Double.infinity]) }
        // The error names where the value was (Foundation names it too, in its own words:
        // ["outer", "inner", "Index 1"]; error paths are the one place the two differ).
        let nested = ["outer": [["inner": [1.0, .infinity]]]]
        func path(_ body: () throws -> Void) -> [String] {
            do { try body() } catch let EncodingError.invalidValue(_, context) { return context.codingPath.map(\.stringValue) } catch {}
            return []
        }
        let ours = path { _ = try CompactJSONEncoder().encode(nested) }
        #expect(ours == ["outer", "0", "inner", "1"])
        #expect(!path { _ = try Self.foundation(nested) }.isEmpty)
    }

    struct Shapes: Encodable {
        var camelDictionary: [String: Int] = ["firstKey": 1, "secondKey": 2]
        var numberKeys: [Int64: String] = [12: "twelve", 3: "three"]
        var nested: [[Int?]] = [[1, nil], [], [3]]
        var optionalArray: [String]? = nil
        var empty = Empty()
        var day = Day(iso: "2026-11-25")!
        var money = Cents(1_548_93)
        struct Empty: Encodable {}
    }

    /// A hand-written `encode(to:)` that flattens a second value into the same object, writes an
    /// explicit null and uses a super encoder: the less common paths of the protocol.
    struct HandWritten: Encodable {
        enum Keys: String, CodingKey { case firstName, lastSeen, extraInfo }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("Ann", forKey: .firstName)
            try container.encodeNil(forKey: .lastSeen)
            var more = container.nestedUnkeyedContainer(forKey: .extraInfo)
            try more.encode(1.5)
            var inner = more.nestedContainer(keyedBy: Keys.self)
            try inner.encode(true, forKey: .firstName)
            try Shapes.Empty().encode(to: container.superEncoder())
            try ["keptCase": 1].encode(to: encoder)
        }
    }

    @Test func containersAndSpecialTypesAsFoundation() throws {
        try Self.expectSame(Shapes())
        try Self.expectSame(HandWritten())
        try Self.expectSame([Shapes(), Shapes()])
        try Self.expectSame(["top": [1, 2]])
        try Self.expectSame(Optional<Int>.none)
    }

    /// Writes to a nested container after its parent moved on, and to the parent after that:
    /// the stream cannot follow this and hands the value to the tree, which can.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case outerFirst, inner, outerLast, deep }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode(1, forKey: .deep)
            try outer.encode("a", forKey: .outerFirst)
            try inner.encode(2, forKey: .outerLast)
            try outer.encode("b", forKey: .outerLast)
        }
    }

    /// Nested containers used in order, a value flattened into its parent's object, a
    /// single-value container left empty: all followed by the stream.
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case zeta, alphaList, middleObject, nothing }
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws { _ = encoder.singleValueContainer() } }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            try outer.encode(true, forKey: .zeta)
            var list = outer.nestedUnkeyedContainer(forKey: .alphaList)
            try list.encode(UInt8(7))
            var object = list.nestedContainer(keyedBy: Keys.self)
            try object.encode(-3 as Int16, forKey: .zeta)
            try list.encode("after")
            var middle = outer.nestedContainer(keyedBy: Keys.self, forKey: .middleObject)
            try middle.encodeNil(forKey: .zeta)
            try outer.encode(Nothing(), forKey: .nothing)
            try ["zetaTwo": 2].encode(to: encoder)
        }
    }

    @Test func theStreamFollowsNestedContainersAndHandsTheRestToTheTree() throws {
        try Self.expectSame(Interleaved())
        try Self.expectSame(Nested())
        try Self.expectSame([Nested(), Nested()])
        func streams<T: Encodable>(_ value: T) -> Bool {
            let stream = JSONStream(keys: KeyConversions())
            return (try? stream.write(value)) != nil && !stream.gaveUp
        }
        #expect(streams(Nested()))
        #expect(!streams(Interleaved()))
        #expect(!streams(HandWritten()), "a super encoder is left to the tree")
    }

    /// Every report type of the CLI and API, from the demo ledger on dates around its defaults.
    @Test(arguments: ["2026-07-01", "2026-11-25", "2027-03-01"])
    func demoLedgerReportsAreWrittenAsFoundationWritesThem(date: String) throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let day = try #require(Day(iso: date))
        let rules = try RuleBook.load()
        for scope in [OwnershipScope.client, .agreement, .invoice] {
            let owned = try OwnershipService(ledger: ledger, scope: scope).reports(client: nil, owner: nil, on: day)
            #expect(owned.count > 5)
            try Self.expectSame(owned, "owned, \(scope) on \(date)")
            let flags = try FlagService(rules: rules, scope: scope).flags(in: ledger, on: day).map(FlagReport.init)
            try Self.expectSame(flags, "flags, \(scope) on \(date)")
            // Reports take the fast path, not the tree.
            let stream = JSONStream(keys: KeyConversions())
            try stream.write(owned + owned)
            try stream.write(flags)
            #expect(!stream.gaveUp)
        }
        let dunning = try DunningService(rules: rules).openInvoices(in: ledger.clientFiles(ids: nil), on: day).map(DunningReport.init)
        try Self.expectSame(dunning, "dunning on \(date)")
        let warranty = try WarrantyService.load(window: nil)
        try Self.expectSame(try warranty.expiring(within: 3_650, in: ledger, on: day), "warranty on \(date)")
    }
}
