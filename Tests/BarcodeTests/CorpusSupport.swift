import Foundation

@testable import Barcode

/// Small helpers for reading the JSON fixtures.
enum JSON {
    static func string(_ value: Any?) -> String? { value as? String }
    static func dict(_ value: Any?) -> [String: Any]? { value as? [String: Any] }
    static func array(_ value: Any?) -> [[String: Any]]? { value as? [[String: Any]] }
}

/// The reference year for two-digit GS1 years when comparing with fixtures that were generated
/// around 2025/2026 (GS1 General Specifications §7.12 sliding window).
let fixtureReferenceYear = 2026

/// (AI, value) pairs of a message, for comparing with fixtures.
func pairs(_ message: GS1Message) -> [String] { message.elements.map { "(\($0.ai))\($0.value)" } }

func pairs(_ elements: [[String: Any]], aiKey: String = "ai", valueKey: String = "value") -> [String] {
    elements.map { element in
        let ai: String
        if let nested = element[aiKey] as? [String: Any] { ai = nested["ai"] as? String ?? "?" } else { ai = element[aiKey] as? String ?? "?" }
        return "(\(ai))\(element[valueKey] as? String ?? "?")"
    }
}

/// Options the GS1 Syntax Engine vectors record as "encoder_options".
struct EngineOptions {
    var addCheckDigit = false
    var permitUnknownAIs = false
    var digitalLink = GS1DigitalLink.Options()

    init(_ raw: [String: Any]?, cLine: Int?) {
        let raw = raw ?? [:]
        addCheckDigit = raw["AddCheckDigit"] as? Bool ?? false
        permitUnknownAIs = raw["PermitUnknownAIs"] as? Bool ?? false
        digitalLink.permitZeroSuppressedGTIN = raw["PermitZeroSuppressedGTINinDLuris"] as? Bool ?? false
        digitalLink.permitUnknownAIs = permitUnknownAIs
        digitalLink.unknownAIsMayBeAttributes = (raw["ValidationEnabled.UNKNOWN_AI_NOT_DL_ATTR"] as? Bool) == false
        // dl.c lines 1436-1442 switch convenience alphas on by assigning the context field directly
        // ("No API so we hack this"), so the extracted vectors carry no option for them.
        if let cLine, (1436...1442).contains(cLine) { digitalLink.permitConvenienceAlphas = true }
    }
}

/// The biip ParseResult adapter: biip tries every reading of a scan and reports each one (gtin,
/// upc, sscc, gs1_message, gs1_digital_link_uri, symbology_identifier). Each is checked here
/// against the matching parser of this module.
func biipParseResultMismatches(input: String, expected: [String: Any]) -> [String] {
    var problems: [String] = []
    var data = Substring(input)
    if let (identifier, rest) = (try? SymbologyIdentifier.split(input)) ?? nil {
        data = rest
        if let want = JSON.dict(expected["symbology_identifier"])?["value"] as? String, want != identifier.value {
            problems.append("symbology \(identifier.value) != \(want)")
        }
    }
    let extraction = try? GS1Message.extract(elementString: data)
    let link = try? GS1DigitalLink.extract(data, options: .init(permitZeroSuppressedGTIN: true))
    let gtin = (try? GTIN(data)) ?? (try? UPC(data))?.gtin ?? extraction?.message.gtin ?? link?.message.gtin
    if let want = JSON.dict(expected["gtin"]) {
        let value = want["value"] as? String ?? ""
        let padded = String(repeating: "0", count: max(0, 14 - value.count)) + value
        if gtin?.gtin14 != padded { problems.append("gtin \(gtin?.gtin14 ?? "nil") != \(padded)") }
        let format = (want["format"] as? String ?? "").replacingOccurrences(of: "GtinFormat.GTIN_", with: "GTIN-")
        if let gtin, gtin.format.rawValue != format { problems.append("gtin format \(gtin.format.rawValue) != \(format)") }
    } else if expected["gtin_error"] != nil, let gtin {
        problems.append("gtin \(gtin.gtin14) found, biip reports an error")
    }
    let upc = (try? UPC(data)) ?? gtin.flatMap { $0.gtin14.hasPrefix("00") ? try? UPC($0.gtin14.dropFirst(2)) : nil }
    if let want = JSON.dict(expected["upc"]) {
        if upc?.value != want["value"] as? String { problems.append("upc \(upc?.value ?? "nil") != \(want["value"] ?? "")") }
        let format = (want["format"] as? String ?? "").replacingOccurrences(of: "UpcFormat.UPC_", with: "UPC-")
        if let upc, upc.format.rawValue != format { problems.append("upc format \(upc.format.rawValue) != \(format)") }
    } else if expected["upc_error"] != nil, (try? UPC(data)) != nil {
        problems.append("upc read, biip reports an error")
    }
    let sscc = (try? SSCC(data)) ?? extraction?.message.value(for: "00").flatMap { try? SSCC($0) }
    if let want = JSON.dict(expected["sscc"]) {
        if sscc?.digits != want["value"] as? String { problems.append("sscc \(sscc?.digits ?? "nil") != \(want["value"] ?? "")") }
    } else if expected["sscc_error"] != nil, let sscc {
        problems.append("sscc \(sscc.digits) read, biip reports an error")
    }
    if let want = JSON.dict(expected["gs1_message"]), let elements = JSON.array(want["element_strings"]) {
        if let extraction {
            if pairs(extraction.message) != pairs(elements) { problems.append("gs1 \(pairs(extraction.message)) != \(pairs(elements))") }
        } else {
            problems.append("gs1 message not read")
        }
    } else if expected["gs1_message_error"] != nil, (try? GS1Message(elementString: data)) != nil {
        problems.append("gs1 message read, biip reports an error")
    }
    if let want = JSON.dict(expected["gs1_digital_link_uri"]), let elements = JSON.array(want["element_strings"]) {
        if let link {
            if pairs(link.message) != pairs(elements) { problems.append("DL \(pairs(link.message)) != \(pairs(elements))") }
        } else {
            problems.append("DL not read")
        }
    }
    return problems
}
