import Foundation
import Testing

@testable import Barcode

/// Runs every case of fixtures/gs1/gs1_corpus.json. `expected` is the source's own assertion; each
/// kind is checked with the reading of this module that the source asserts about. The test counts
/// and lists every mismatch instead of stopping at the first.
@Suite("GS1 corpus")
struct GS1CorpusTests {
    @Test func everyCaseWithAStatedExpectation() throws {
        let root = try #require(try Fixtures.json("gs1/gs1_corpus.json") as? [String: Any])
        let cases = try #require(JSON.array(root["cases"]))
        let engine = try #require(try Fixtures.json("gs1/gs1-syntax-engine_unit_vectors.json") as? [String: Any])
        let generateCases = JSON.array(JSON.dict(engine["generateScanData"])?["cases"]) ?? []
        var mismatches: [String] = []
        var checked = 0
        var withoutExpectation: [String] = []
        for testCase in cases {
            let id = testCase["id"] as? String ?? "?"
            let input = testCase["input"] as? String ?? ""
            let source = testCase["source"] as? String ?? ""
            let note = testCase["note"] as? String ?? ""
            guard let expected = testCase["expected"] as? [String: Any] else {
                if source.hasSuffix("::test_parse_gtin_13") {
                    // The expectation is in biip's test name: the value parses as a GTIN-13.
                    checked += 1
                    if (try? GTIN(input))?.format != .gtin13 { mismatches.append("\(id) \(input): not a GTIN-13") }
                } else {
                    withoutExpectation.append(id)
                }
                continue
            }
            var problems: [String] = []
            switch testCase["kind"] as? String ?? "" {
            case "scan_with_aim_id":
                let succeed = expected["succeed"] as? Bool ?? false
                let dataString = expected["data_str"] as? String ?? ""
                let symbology = expected["symbology"] as? String ?? ""
                if note.contains("derived from generateScanData") {
                    // The source asserts generateScanData(symbology, data_str) == this scan.
                    let line = Int(source.split(separator: "#L").last ?? "")
                    let raw = generateCases.first { $0["c_line"] as? Int == line }?["encoder_options"] as? [String: Any]
                    let options = EngineOptions(raw, cLine: line)
                    do {
                        let symbol = try #require(GS1ScanData.Symbology(rawValue: symbology))
                        let scan = try GS1ScanData.generate(symbol, dataString: dataString, addCheckDigit: options.addCheckDigit)
                        if scan != input { problems.append("generated \(scan.debugDescription)") }
                    } catch { problems.append("generate failed: \(error)") }
                } else {
                    do {
                        let result = try GS1ScanData.process(input)
                        if !succeed { problems.append("accepted as \(result.symbology.rawValue) \(result.dataString)") }
                        if result.symbology.rawValue != symbology || result.dataString != dataString {
                            problems.append("got \(result.symbology.rawValue) \(result.dataString.debugDescription)")
                        }
                    } catch {
                        if succeed { problems.append("refused: \(error)") }
                    }
                }
            case "hri_bracketed":
                if let succeed = expected["succeed"] as? Bool {
                    do {
                        let message = try GS1Message(hri: input)
                        if !succeed { problems.append("accepted \(message.dataString)") }
                        if let want = expected["data_str"] as? String, message.dataString != want { problems.append("got \(message.dataString)") }
                    } catch {
                        if succeed { problems.append("refused: \(error)") }
                    }
                } else if note.contains("negative test") {
                    // Peppol example: invalid dates (and a GTIN failing its check digit).
                    if Barcode.interpret(input).isValid { problems.append("accepted") }
                }
            case "element_string_caret_fnc1":
                let succeed = expected["succeed"] as? Bool ?? false
                let accepted = (try? GS1Message(dataString: input)) != nil
                if accepted != succeed { problems.append(accepted ? "accepted" : "refused") }
            case "biip_test":
                problems = biipMismatches(source: source, input: input, expected: expected)
            case "element_string_gs":
                let valid = expected["valid"] as? Bool ?? false
                let strict = (try? GS1Message(elementString: input)) != nil
                if strict != valid { problems.append(strict ? "accepted" : "refused") }
                if let elements = JSON.array(expected["elements"]), !elements.isEmpty {
                    if let extraction = try? GS1Message.extract(elementString: input) {
                        if pairs(extraction.message) != pairs(elements) { problems.append("\(pairs(extraction.message))") }
                    } else {
                        problems.append("nothing extracted")
                    }
                }
            case "iso15434_format06_mh10":
                do {
                    let message = try ISO15434Message(input)
                    if message.formats.first?.indicator != expected["format"] as? String { problems.append("format") }
                    let want = pairs(JSON.array(expected["data_identifiers"]) ?? [], aiKey: "di")
                    let got = message.dataIdentifiers.map { "(\($0.identifier))\($0.value)" }
                    if got != want { problems.append("\(got)") }
                } catch { problems.append("refused: \(error)") }
            case "iso15434_format06_ecia", "supplier_label_other":
                problems = supplierMismatches(input: input, expected: expected)
            case "ean_upc_itf":
                let want = (expected["product_code"] as? String ?? "").split(separator: " ").first?.dropFirst(3) ?? ""
                let scan = Barcode.interpret(input)
                if scan.gtin != String(want) || scan.kind != .product { problems.append("gtin \(scan.gtin ?? "nil") kind \(scan.kind)") }
            default:
                problems.append("unknown kind")
            }
            checked += 1
            if !problems.isEmpty { mismatches.append("\(id) \(input.debugDescription.prefix(70)): \(problems.joined(separator: "; "))") }
        }
        #expect(checked + withoutExpectation.count == cases.count)
        #expect(checked >= 290, "only \(checked) cases had an expectation")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked) corpus cases differ:\n\(mismatches.joined(separator: "\n"))")
    }

    private func biipMismatches(source: String, input: String, expected: [String: Any]) -> [String] {
        var problems: [String] = []
        let test = source.split(separator: "::").last.map(String.init) ?? ""
        let mustFail = expected["must_fail"] as? Bool ?? false
        switch test {
        case "test_gs1_standard_check_digit":
            if GS1CheckDigit.compute(input) != expected["expected"] as? Int { problems.append("check digit \(GS1CheckDigit.compute(input) ?? -1)") }
        case "test_extract_date_and_datetime":
            let element = (try? GS1Message.extract(elementString: input))?.message.elements.first
            let date = element?.date
            if date?.isoDate(referenceYear: fixtureReferenceYear) != expected["expected_date"] as? String {
                problems.append("date \(date?.isoDate(referenceYear: fixtureReferenceYear) ?? "nil")")
            }
            if date?.isoDateTime(referenceYear: fixtureReferenceYear) != expected["expected_datetime"] as? String {
                problems.append("datetime \(date?.isoDateTime(referenceYear: fixtureReferenceYear) ?? "nil")")
            }
        case "test_extract_fails_with_invalid_date", "test_parse_fails_if_unparsed_data_left":
            do {
                _ = try GS1Message(elementString: input)
                problems.append("accepted")
            } catch {
                if let ai = expected["ai_code"] as? String, error.ai != ai { problems.append("error names (\(error.ai ?? "-")), not (\(ai))") }
            }
        case "test_parse", "test_parse_hri":
            if let want = JSON.dict(expected["expected"]), want["__type__"] as? String == "ParseResult" {
                problems = biipParseResultMismatches(input: input, expected: want)
            } else if let want = JSON.dict(expected["expected"]), let elements = JSON.array(want["element_strings"]) {
                let isHRI = test == "test_parse_hri"
                let extraction = isHRI ? try? GS1Message.extract(hri: input) : try? GS1Message.extract(elementString: input)
                guard let message = extraction?.message else { return ["not read"] }
                if pairs(message) != pairs(elements) { problems.append("\(pairs(message))") }
                if let value = want["value"] as? String, message.elementString() != value { problems.append("element string \(message.elementString())") }
                for (element, wanted) in zip(message.elements, elements) {
                    if let date = wanted["date"] as? String, element.date?.isoDate(referenceYear: fixtureReferenceYear) != date { problems.append("date of (\(element.ai))") }
                }
            }
        case "test_parse_with_separator_char":
            let separators = Set((expected["separator_chars"] as? [String] ?? []).compactMap(\.first))
            let hri = (try? GS1Message.extract(elementString: input, separators: separators))?.message.hri
            if hri != expected["expected_hri"] as? String { problems.append("hri \(hri ?? "nil")") }
        case "test_parse_hri_fails_if_not_starting_with_parenthesis", "test_parse_hri_fails_if_no_pattern_matches",
            "test_parse_hri_fails_if_ai_is_unknown":
            if mustFail, (try? GS1Message(hri: input)) != nil { problems.append("accepted") }
        case "test_extract":
            let want = JSON.dict(expected["expected"])?["value"] as? String
            let got = (try? SymbologyIdentifier.split(input))??.identifier.value
            if got != want { problems.append("identifier \(got ?? "nil")") }
        default:
            problems.append("no check for \(test)")
        }
        return problems
    }

    /// InvenTree's supplier-barcode expectations name the DI in brackets: "sku(P)": value.
    /// "supplier" is the plugin that handled the label (InvenTree configuration, not barcode
    /// content) and "note" is commentary; neither is checked.
    private func supplierMismatches(input: String, expected: [String: Any]) -> [String] {
        let scan = Barcode.interpret(input)
        guard case .dataIdentifiers(let fields, _) = scan.content else { return ["not read as data identifiers: \(scan.kind)"] }
        var problems: [String] = []
        for (key, value) in expected where key != "supplier" && key != "note" {
            let identifier = key.split(separator: "(").last.map { String($0.dropLast()) } ?? key
            let di = key == "sku" ? "P" : identifier
            let want = value as? String ?? (value as? Int).map(String.init) ?? ""
            let got = fields.first { $0.identifier == di }?.value
            if got != want { problems.append("\(di) \(got ?? "nil") != \(want)") }
        }
        return problems
    }
}
