import Foundation
import LedgerStore
import TestSupport
import Testing
@testable import TitleholdApp
import TitleholdCore

/// `FlagReport` writes its own JSON (`JSONWritable`, issue 4 Speed): the same bytes Foundation's
/// `JSONEncoder` writes from its `Encodable` conformance, on the demo ledger's flags and on
/// values with every optional member present and absent and text that needs escaping.
@Suite(.removesTemporaryFolders) struct FlagReportJSONTests {
    /// The demo ledger's flags, with client 23456789 put in default on INV-2026-0142 from
    /// 2026-08-18 by its two reminders.
    static func flags(on date: String) throws -> [FlagReport] {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        try ledger.recordLetters([
            SentLetter(invoice: "INV-2026-0142", kind: .reminder1, sentOn: Day(iso: "2026-07-20")!, origin: .external),
            SentLetter(invoice: "INV-2026-0142", kind: .reminder2, sentOn: Day(iso: "2026-08-10")!, origin: .external),
        ], context: ChangeContext(command: "test"))
        let day = try #require(Day(iso: date))
        return try FlagService(rules: RuleBook.load(), scope: .client).flags(in: ledger, on: day).map(FlagReport.init)
    }

    static func direct<T: JSONWritable>(_ value: T) -> String {
        var json = JSONWriter()
        value.writeJSON(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func demoFlagsAsFoundationWritesThem() throws {
        let flags = try Self.flags(on: "2026-11-25")
        #expect(flags.count == 3)
        #expect(Self.direct(flags) == (try CompactJSONEncoderTests.foundation(flags)))
        #expect(try CompactJSONEncoder().encodeToString(flags) == Self.direct(flags), "the encoder takes the direct path")
    }

    @Test(arguments: [
        "plain", "", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline", "nul \u{00} esc \u{1B}",
        "Curaçao – € ✓ 😀",
    ])
    func everyMemberPresentOrAbsentAsFoundation(text: String) throws {
        var report = try #require(try Self.flags(on: "2026-11-25").first)
        let bare = [report]
        report.clientName = nil
        report.blockedUntil = Day(iso: "2027-04-02")
        report.serial = text
        report.client = text
        report.blocks = [
            .init(kind: .coolingOff, until: Day(iso: "2027-03-15"), article: "63a Fw", text: text),
            .init(kind: .taxNoticeMissing, until: nil, article: "22bis Iw", text: text),
        ]
        report.breaches = [RepossessionReason(kind: .breach, article: "10.2", text: text, date: Day(iso: "2026-12-31"))]
        report.reasons = [
            RepossessionReason(kind: .owned, article: "10.1", text: text, invoiceNumber: text),
            RepossessionReason(kind: .inDefault, article: "10.3, 13.4", text: text, invoiceNumber: "F-1", date: Day(iso: "2026-01-02")),
            RepossessionReason(kind: .access, article: "10.3", text: text),
        ]
        for value in [bare, [report], [report, report], []] {
            #expect(Self.direct(value) == (try CompactJSONEncoderTests.foundation(value)), "text \(text.debugDescription)")
        }
    }
}
