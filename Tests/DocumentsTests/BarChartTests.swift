import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Documents

/// `BarChart`: well-formed, accessible SVG whose text is escaped, on a round scale.
@Suite struct BarChartTests {
    final class Texts: NSObject, XMLParserDelegate {
        var elements: [String: [String: String]] = [:]
        var texts: [String: String] = [:]
        private var current = "", text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if elements[name] == nil { elements[name] = attributes }
            current = name; text = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if texts[name] == nil { texts[name] = text }
        }
    }

    func parse(_ svg: String) -> Texts? {
        let texts = Texts()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = texts
        return parser.parse() ? texts : nil
    }

    @Test func textIsEscapedAndTheChartIsLabelled() throws {
        let chart = BarChart(title: "A & B <c>", description: "Test.", xAxisLabel: "x", yAxisLabel: "y",
                             bars: [.init(label: "\"x\" & 'y'", value: 7, display: "7"), .init(label: "z", value: 3, display: "3")])
        let svg = chart.svg(id: "t")
        let parsed = try #require(parse(svg), "the SVG is not well-formed XML")
        #expect(parsed.texts["title"] == "A & B <c>")
        #expect(parsed.texts["desc"] == "Test. \"x\" & 'y': 7; z: 3.")
        #expect(parsed.elements["svg"]?["role"] == "img")
        #expect(parsed.elements["svg"]?["aria-labelledby"] == "t-title t-desc")
        #expect(parsed.elements["g"]?["data-label"] == "\"x\" & 'y'")
        #expect(!svg.contains("<c>"))
    }

    @Test func theTallestBarFillsTheScaleProportionally() throws {
        let chart = BarChart(title: "t", description: "", xAxisLabel: "x", yAxisLabel: "y",
                             bars: [.init(label: "a", value: 50, display: "50"), .init(label: "b", value: 25, display: "25")])
        let heights = chart.svg().matches(of: /<rect [^>]*height="([0-9.]+)"/).map { Double($0.1) ?? -1 }
        #expect(heights.count == 2)
        #expect(heights[0] == 2 * heights[1])
    }

    @Test(arguments: [
        (Int64(0), Int64(0), [Int64(0)]), (3, 5, [0, 1, 2, 3, 4, 5]), (7, 10, [0, 2, 4, 6, 8, 10]),
        (1_234_567, 2_000_000, [0, 500_000, 1_000_000, 1_500_000, 2_000_000]), (100, 100, [0, 20, 40, 60, 80, 100]),
    ] as [(Int64, Int64, [Int64])])
    func theScaleEndsOnARoundNumber(largest: Int64, maximum: Int64, ticks: [Int64]) {
        #expect(BarChart.niceMaximum(largest) == maximum)
        #expect(BarChart.ticks(upTo: maximum) == ticks)
    }
}
