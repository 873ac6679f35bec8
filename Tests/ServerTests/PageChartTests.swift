import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
import TitleholdCore
@testable import TitleholdServer

/// The charts of the pages: well-formed SVG (XML 1.0) with a title, a description and the bars
/// the demo ledger gives on 2026-11-25.
@Suite struct PageChartTests {
    /// `titlehold dunning --at 2026-11-25` on the demo ledger: INV-2026-0188 (EUR 621.94) due 2026-10-01,
    /// 55 days late; INV-2026-0142 (EUR 1,548.93, 133 days), INV-2026-0160 (EUR 726.00, 117 days) and
    /// the time-barred INV-2020-0042 (EUR 422.29) all past 90 days.
    static let expectedReceivables: [Int64] = [0, 62_194, 0, 154_893 + 72_600 + 42_229]
    /// `titlehold warranty expiring --within 400 --at 2026-11-25` on the demo ledger: none.
    static let demoExpiries: [String: Int64] = [:]

    /// What an SVG says: the texts of `<title>` and `<desc>`, and each bar's label and value.
    final class SVGReading: NSObject, XMLParserDelegate {
        var root: String?
        var titles: [String] = []
        var descs: [String] = []
        var bars: [(label: String, value: Int64)] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            text = ""
            if name == "g", attributes["class"] == "bar", let label = attributes["data-label"],
               let value = attributes["data-value"].flatMap({ Int64($0) }) {
                bars.append((label, value))
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" { titles.append(text) }
            if name == "desc" { descs.append(text) }
        }

        static func read(_ svg: String) throws -> SVGReading {
            let reading = SVGReading()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = reading
            guard parser.parse() else {
                throw ParseFailure(message: "\(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber)")
            }
            return reading
        }

        struct ParseFailure: Error { var message: String }
    }

    @Test func receivablesByAgeFromTheDemoLedger() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/charts/receivables.svg?lang=en", method: .get, headers: service.bearer(.finance))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
            let svg = try SVGReading.read(String(buffer: response.body))
            #expect(svg.root == "svg")
            #expect(svg.titles.first == "Receivables by days past due")
            #expect(svg.descs.first?.contains("2026-11-25") == true)
            #expect(svg.bars.map(\.label) == ["0–30 days", "31–60 days", "61–90 days", "90+ days"])
            #expect(svg.bars.map(\.value) == Self.expectedReceivables)
        }
    }

    @Test func warrantyExpiriesByMonthCountTheRecordedEnds() async throws {
        let service = try TestService()
        let context = ChangeContext(command: "test")
        // Two warranties recorded to end in February 2027, one in November 2026 (after today), one already ended.
        for (serial, until) in [("7XK2L3M", "2027-02-10"), ("8YL3M4N", "2027-02-28"), ("9ZM4N5P", "2026-11-30"), ("CN0V7R2K", "2026-11-24")] {
            try service.env.ledger.recordWarranty(
                serial: serial, WarrantyOverride(from: nil, until: Day(iso: until)!, source: "test", recordedOn: Day(iso: "2026-11-20")!),
                context: context)
        }
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/charts/warranty-expiries.svg", method: .get, headers: service.bearer(.intake))
            #expect(response.status == .ok)
            let svg = try SVGReading.read(String(buffer: response.body))
            #expect(svg.titles.first == "Garanties die aflopen per maand")
            #expect(svg.bars.count == 12)
            #expect(svg.bars.first?.label == "nov '26" && svg.bars.last?.label == "okt '27")
            let counts = Dictionary(uniqueKeysWithValues: svg.bars.map { ($0.label, $0.value) })
            #expect(counts["nov '26"] == 1 + Self.demoExpiries["nov '26", default: 0])
            #expect(counts["feb '27"] == 2 + Self.demoExpiries["feb '27", default: 0])
            let others = svg.bars.filter { $0.label != "nov '26" && $0.label != "feb '27" }
            #expect(others.allSatisfy { $0.value == Self.demoExpiries[$0.label, default: 0] })
        }
    }

    @Test func receivableBucketsFollowTheDaysPastDue() throws {
        // Due 1, 30, 31, 90, 91 days before today, and one due today (not overdue).
        let today = Day(iso: "2026-11-25")!
        let dues = [1, 30, 31, 90, 91, 0]
        let amounts = PageCharts.receivableAmounts(dues.map { (today.adding(days: -$0), Int64(100 + $0)) }, on: today)
        #expect(amounts == [101 + 130, 131, 190, 191])
    }
}
