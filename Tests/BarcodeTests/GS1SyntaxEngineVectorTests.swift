import Foundation
import Testing

@testable import Barcode

/// The unit-test vectors of the GS1 Barcode Syntax Engine (fixtures/gs1/gs1-syntax-engine_unit_vectors.json),
/// section by section; each test lists every vector that differs.
@Suite("GS1 Syntax Engine vectors")
struct GS1SyntaxEngineVectorTests {
    static func cases(_ section: String) throws -> [[String: Any]] {
        let root = try #require(try Fixtures.json("gs1/gs1-syntax-engine_unit_vectors.json") as? [String: Any])
        return try #require(JSON.array(JSON.dict(root[section])?["cases"]))
    }

    private func report(_ mismatches: [String], of total: Int, _ section: String) {
        #expect(total > 0)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(total) \(section) vectors differ:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func parseAIdata() throws {
        let cases = try Self.cases("parseAIdata")
        var mismatches: [String] = []
        for vector in cases {
            let input = vector["input"] as? String ?? ""
            let succeed = vector["succeed"] as? Bool ?? false
            let result = try? GS1Message(hri: input)
            if (result != nil) != succeed || (succeed && result?.dataString != vector["expected"] as? String) {
                mismatches.append("\(input): \(result?.dataString ?? "refused")")
            }
        }
        report(mismatches, of: cases.count, "parseAIdata")
    }

    @Test func processAIdata() throws {
        let cases = try Self.cases("processAIdata")
        var mismatches: [String] = []
        for vector in cases {
            let input = vector["input"] as? String ?? ""
            let accepted = (try? GS1Message(dataString: input)) != nil
            if accepted != (vector["succeed"] as? Bool ?? false) { mismatches.append("\(input): \(accepted ? "accepted" : "refused")") }
        }
        report(mismatches, of: cases.count, "processAIdata")
    }

    /// Association rules: requisites, mutual exclusion, repeats, digital signature with serialised key.
    @Test func validateAIs() throws {
        let cases = try Self.cases("validateAIs")
        var mismatches: [String] = []
        for vector in cases {
            let input = vector["input"] as? String ?? ""
            let options = EngineOptions(vector["encoder_options"] as? [String: Any], cLine: vector["c_line"] as? Int)
            var accepted = false
            if let extraction = try? GS1Message.extract(hri: input, permitUnknownAIs: options.permitUnknownAIs), extraction.problems.isEmpty {
                accepted = extraction.message.associationProblems().isEmpty
            }
            if accepted != (vector["succeed"] as? Bool ?? false) {
                mismatches.append("\(vector["validation"] ?? "") \(input): \(accepted ? "accepted" : "refused")")
            }
        }
        report(mismatches, of: cases.count, "validateAIs")
    }

    @Test func processScanData() throws {
        let cases = try Self.cases("processScanData")
        var mismatches: [String] = []
        for vector in cases {
            let input = vector["input"] as? String ?? ""
            let succeed = vector["succeed"] as? Bool ?? false
            if let result = try? GS1ScanData.process(input) {
                if !succeed || result.symbology.rawValue != vector["expected_symbology"] as? String || result.dataString != vector["expected"] as? String {
                    mismatches.append("\(input.debugDescription): \(result.symbology.rawValue) \(result.dataString)")
                }
            } else if succeed {
                mismatches.append("\(input.debugDescription): refused")
            }
        }
        report(mismatches, of: cases.count, "processScanData")
    }

    @Test func generateScanData() throws {
        let cases = try Self.cases("generateScanData")
        var mismatches: [String] = []
        for vector in cases {
            let input = vector["input"] as? String ?? ""
            let name = vector["symbology"] as? String ?? ""
            let options = EngineOptions(vector["encoder_options"] as? [String: Any], cLine: vector["c_line"] as? Int)
            let expected = vector["expected"] as? String
            var got: String?
            if let symbology = GS1ScanData.Symbology(rawValue: name) {
                got = try? GS1ScanData.generate(symbology, dataString: input, addCheckDigit: options.addCheckDigit)
            }
            if got != expected { mismatches.append("\(name) \(input): \(got?.debugDescription ?? "refused")") }
        }
        report(mismatches, of: cases.count, "generateScanData")
    }

    @Test func parseDLuri() throws {
        let cases = try Self.cases("parseDLuri")
        var mismatches: [String] = []
        for vector in cases {
            let input = vector["input"] as? String ?? ""
            let options = EngineOptions(vector["encoder_options"] as? [String: Any], cLine: vector["c_line"] as? Int)
            let message = try? GS1DigitalLink.parse(input, options: options.digitalLink)
            let succeed = vector["succeed"] as? Bool ?? false
            if (message != nil) != succeed || (succeed && message?.dataString != vector["expected"] as? String) {
                mismatches.append("\(input): \(message?.dataString ?? "refused")")
            }
        }
        report(mismatches, of: cases.count, "parseDLuri")
    }
}
