import Foundation
import Testing

@testable import Barcode

/// Reads the Examples tables of Solidsoft's Gherkin feature file directly (fixtures/gs1/
/// solidsoft_HighCapacityAidc_Parser.feature) and checks each row with the matching reader:
/// GS1 element strings, MH10.8.2 records in ISO/IEC 15434 envelopes, EAN and ITF-14 product codes.
@Suite("Solidsoft parser feature")
struct SolidsoftFeatureTests {
    struct Row {
        let scenario: String
        let columns: [String: String]
    }

    static func rows() throws -> [Row] {
        let text = try Fixtures.text("gs1/solidsoft_HighCapacityAidc_Parser.feature")
        var rows: [Row] = []
        var scenario = ""
        var header: [String]?
        var inExamples = false
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("Scenario") {
                scenario = line
                inExamples = false
                header = nil
            } else if line.hasPrefix("Examples:") {
                inExamples = true
            } else if inExamples, line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if let header {
                    rows.append(Row(scenario: scenario, columns: Dictionary(zip(header, cells), uniquingKeysWith: { a, _ in a })))
                } else {
                    header = cells
                }
            }
        }
        return rows
    }

    static func decode(_ visible: String) -> String {
        visible.replacingOccurrences(of: "<GS>", with: "\u{1D}").replacingOccurrences(of: "<RS>", with: "\u{1E}")
            .replacingOccurrences(of: "<EOT>", with: "\u{04}")
    }

    @Test func everyExampleRow() throws {
        let rows = try Self.rows()
        #expect(rows.count == 15)
        var mismatches: [String] = []
        for row in rows {
            let input = Self.decode(row.columns["elementString"] ?? "")
            var expected: [String] = []
            for index in 1...4 {
                let keyName = row.scenario.contains("MH10") ? "DI" : "AI"
                if let key = row.columns["\(keyName)\(index)"], !key.isEmpty { expected.append("(\(key))\(row.columns["Value\(index)"] ?? "")") }
            }
            var got: [String] = []
            if row.scenario.contains("MH10") {
                got = ((try? ISO15434Message(input))?.dataIdentifiers ?? []).map { "(\($0.identifier))\($0.value)" }
            } else if row.scenario.contains("EAN") || row.scenario.contains("ITF14") {
                got = Barcode.interpret(input).gtin.map { ["(01)\($0)"] } ?? []
            } else {
                got = (try? GS1Message.extract(elementString: input)).map { pairs($0.message) } ?? []
                let valid = (try? GS1Message(elementString: input)) != nil
                if valid == row.scenario.contains("invalid") { mismatches.append("\(input): validity \(valid)") }
            }
            if got != expected { mismatches.append("\(input.debugDescription): \(got) != \(expected)") }
        }
        // The last scenario has no table: "17290366" must be refused naming the value 290366.
        do {
            _ = try GS1Message(elementString: "17290366")
            mismatches.append("17290366 accepted")
        } catch {
            if error.ai != "17" || !error.message.contains("290366") { mismatches.append("17290366: \(error.message)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
