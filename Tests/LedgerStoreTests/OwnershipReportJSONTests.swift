import Foundation
import LedgerStore
import TestSupport
import Testing
@testable import TitleholdApp
import TitleholdCore

/// `OwnershipReport` writes its own JSON (`JSONWritable`; the look-up endpoint's answer, issue 6
/// Speed): the same bytes as Foundation's `JSONEncoder` from its `Encodable` conformance, with
/// every optional member present and absent and text that needs escaping. The demo ledger's
/// reports are compared in `CompactJSONEncoderTests`.
@Suite(.removesTemporaryFolders) struct OwnershipReportJSONTests {
    @Test(arguments: ["plain", "", "quote \" and backslash \\", "tab\tnew\nline", "nul \u{00}", "Curaçao – € ✓ 😀"])
    func everyMemberPresentOrAbsentAsFoundation(text: String) throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let reports = try OwnershipService(ledger: ledger, scope: .client).reports(client: nil, owner: nil, on: Day(iso: "2026-11-25")!)
        var full = try #require(reports.first)
        full.serial = text; full.gtin = text; full.name = text; full.client = text; full.clientName = text
        full.clientOwnsSince = Day(iso: "2026-01-31"); full.backSince = Day(iso: "2026-02-01")
        full.risk = .init(bearer: "client", since: Day(iso: "2025-12-31"), article: "11", text: text)
        full.reasons = [
            .init(kind: "invoice_open", article: "10.1", invoice: text, outstandingCents: -12_345_678_901, dueDate: Day(iso: "2026-03-01"),
                  daysOverdue: 0, date: Day(iso: "2026-03-02"), text: text),
            .init(kind: "waived", article: "3:92(3) BW", invoice: nil, outstandingCents: nil, dueDate: nil, daysOverdue: nil, date: nil,
                  text: text),
        ]
        var bare = full
        bare.gtin = nil; bare.name = nil; bare.clientName = nil; bare.clientOwnsSince = nil; bare.backSince = nil
        bare.risk.since = nil; bare.reasons = []
        for value in [[full], [bare], [full, bare], reports] {
            var json = JSONWriter()
            value.writeJSON(to: &json)
            #expect(String(decoding: json.bytes, as: UTF8.self) == (try CompactJSONEncoderTests.foundation(value)), "text \(text.debugDescription)")
        }
    }
}

/// `JSONWriter.integer` writes digits straight into its bytes: the same text as `String(value)`
/// (what `JSONEncoder` writes) at the ends of every integer type the reports use.
@Suite struct JSONWriterIntegerTests {
    @Test(arguments: [Int64(0), 1, -1, 9, 10, -10, 99, 100, 12_345_678_901, -12_345_678_901, Int64.max, Int64.min])
    func integersAreWrittenAsStringWouldWriteThem(value: Int64) {
        var json = JSONWriter()
        json.beginArray(); json.integer(value); json.integer(Int(value)); json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[\(value),\(value)]")
    }

    @Test func integersBeyondInt64AreWrittenToo() {
        var json = JSONWriter()
        json.beginArray(); json.integer(UInt64.max); json.integer(UInt8(7)); json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[\(UInt64.max),7]")
    }
}

/// `JSONWriter` keeps its bytes in a buffer of its own (`JSONBytes`): it grows from any starting
/// capacity, and a writer with a sink hands on the same bytes, in pieces of about 1 MiB.
@Suite struct JSONWriterBufferTests {
    static func write(_ json: inout JSONWriter, rows: Int) {
        json.beginArray()
        for row in 0..<rows {
            json.beginObject()
            json.key("row"); json.integer(row)
            json.key("text"); json.string("line \(row): \"quoted\", tab\t, nul \u{00}, Curaçao – € ✓ 😀 " + String(repeating: "x", count: row % 97))
            json.key("day"); json.day(Day(ordinal: row))
            json.endObject()
            json.flushIfFull()
        }
        json.endArray()
    }

    @Test func growsFromAnyCapacityAndASinkGetsTheSameBytes() throws {
        var whole = JSONWriter(capacity: 1)
        Self.write(&whole, rows: 40_000)
        let expected = whole.bytes
        #expect(expected.count > 3 << 20)
        #expect(whole.withBytes { Array($0) } == expected)

        var pieces: [Int] = []
        var gathered: [UInt8] = []
        var streamed = JSONWriter(sink: { pieces.append($0.count); gathered.append(contentsOf: $0) })
        Self.write(&streamed, rows: 40_000)
        streamed.finish()
        #expect(gathered == expected)
        #expect(pieces.count >= 3)
        #expect(pieces.dropLast().allSatisfy { $0 >= 1 << 20 && $0 < (1 << 20) + 64 * 1_024 })

        // The whole document is JSON as Foundation reads it.
        let decoded = try JSONSerialization.jsonObject(with: Data(expected)) as? [[String: Any]]
        #expect(decoded?.count == 40_000)
        #expect(decoded?[7]["text"] as? String == "line 7: \"quoted\", tab\t, nul \u{00}, Curaçao – € ✓ 😀 xxxxxxx")
    }
}
