/// The association rules of the GS1 Barcode Syntax Dictionary (`req=` requisite AIs, `ex=` mutually
/// exclusive AIs), the rule that a repeated AI must repeat its value, and the rule that a digital
/// signature (8030) needs a serialised key (GS1 General Specifications §4.14).
///
/// These are separate from parsing on purpose: the dictionary notes that pairings "should be
/// evaluated over the combined data received from all GS1 carriers marking a physical item", so an
/// intake session may combine the elements of several scans before calling this.
extension GS1Message {
    /// Every association rule broken by this set of elements (empty when all hold).
    public func associationProblems() -> [BarcodeError] {
        var problems: [BarcodeError] = []
        var seen: [String: String] = [:]
        for element in elements {
            if let previous = seen[element.ai], previous != element.value {
                problems.append(BarcodeError(
                    .conflictingRepeat, "AI (\(element.ai)) appears twice with different values: \(previous) and \(element.value).", ai: element.ai))
            }
            seen[element.ai] = element.value
        }
        let present = Set(elements.map(\.ai))
        for element in elements {
            guard let entry = element.entry else { continue }
            for pattern in entry.exclusions {
                if let other = present.first(where: { $0 != element.ai && Self.matches($0, pattern: pattern) }) {
                    problems.append(BarcodeError(
                        .mutuallyExclusive, "AI (\(element.ai)) \(entry.title) must not appear together with AI (\(other)).", ai: element.ai))
                }
            }
            for requisite in entry.requisites {
                let satisfied = requisite.contains { group in
                    group.allSatisfy { pattern in present.contains { $0 != element.ai && Self.matches($0, pattern: pattern) } }
                }
                if !satisfied {
                    let options = requisite.map { $0.map { "(\($0))" }.joined(separator: "+") }.joined(separator: " or ")
                    problems.append(BarcodeError(
                        .missingRequisite, "AI (\(element.ai)) \(entry.title) needs \(options) in the same data.", ai: element.ai))
                }
            }
        }
        if present.contains("8030") {
            let serialisedLengths = ["253": 13, "255": 13, "8003": 14]
            for element in elements {
                if let keyLength = serialisedLengths[element.ai], element.value.utf8.count <= keyLength {
                    problems.append(BarcodeError(
                        .digitalSignatureNeedsSerial, "AI (8030) digital signature needs a serialised key, but AI (\(element.ai)) has no serial component.",
                        ai: element.ai))
                }
            }
        }
        return problems
    }

    /// Dictionary AI pattern: same length, "n" matches any digit.
    static func matches(_ ai: String, pattern: String) -> Bool {
        guard ai.utf8.count == pattern.utf8.count else { return false }
        return zip(ai.utf8, pattern.utf8).allSatisfy { $1 == 0x6E || $0 == $1 }
    }
}
