/// Reading the bracketed human-readable form "(01)09501101020917(10)ABC" (GS1 General
/// Specifications §4.15). A literal "(" inside a value is written "\(". "^" is refused inside a value
/// because the Syntax Engine's data strings use it for FNC1.
extension GS1Message {
    /// Reads the bracketed form; structural errors throw, rule violations are collected.
    /// `permitUnknownAIs` accepts 2-4 digit AIs missing from the dictionary as X..90 values.
    public static func extract(hri: some StringProtocol, permitUnknownAIs: Bool = false, dictionary: GS1Dictionary = .builtIn)
        throws(BarcodeError) -> GS1Extraction
    {
        let bytes = Array(hri.utf8)
        let parser = GS1ElementParser(dictionary: dictionary, permitUnknownAIs: permitUnknownAIs)
        guard bytes.first == 0x28 else {
            throw BarcodeError(.badBracketedSyntax, "Bracketed GS1 data must start with \"(\": \(hri)")
        }
        var elements: [GS1Element] = []
        var problems: [BarcodeError] = []
        var index = 0
        while index < bytes.count {
            // "(" AI ")"
            index += 1
            var close = index
            while close < bytes.count, bytes[close] != 0x29 { close += 1 }
            guard close < bytes.count else { throw BarcodeError(.badBracketedSyntax, "An AI in \(hri) is not closed with \")\".") }
            let aiBytes = bytes[index..<close]
            let ai = String(decoding: aiBytes, as: UTF8.self)
            guard aiBytes.allSatisfy(GS1Linters.isDigit) else { throw BarcodeError(.badBracketedSyntax, "(\(ai)) is not an AI: AIs are digits.") }
            guard (2...4).contains(aiBytes.count) else { throw BarcodeError(.badBracketedSyntax, "(\(ai)) is not an AI: AIs have 2 to 4 digits.") }
            let entry: GS1AIEntry
            if let known = dictionary.entry(for: ai) {
                entry = known
            } else if permitUnknownAIs {
                entry = .unknown(ai)
            } else {
                throw BarcodeError(.unknownApplicationIdentifier, "(\(ai)) is not a GS1 Application Identifier.", ai: ai)
            }
            // value up to the next unescaped "("
            index = close + 1
            var value: [UInt8] = []
            while index < bytes.count, bytes[index] != 0x28 {
                if bytes[index] == 0x5C, index + 1 < bytes.count, bytes[index + 1] == 0x28 {
                    value.append(0x28)
                    index += 2
                    continue
                }
                if bytes[index] == 0x5E {
                    throw BarcodeError(.badBracketedSyntax, "AI (\(ai)): \"^\" is not allowed in a value.", ai: ai)
                }
                value.append(bytes[index])
                index += 1
            }
            problems += try parser.check(entry: entry, value: value[...])
            elements.append(GS1Element(ai: ai, value: String(decoding: value, as: UTF8.self), entry: entry))
        }
        return GS1Extraction(message: GS1Message(elements: elements), problems: problems)
    }

    /// Strict form of `extract(hri:)`.
    public init(hri: some StringProtocol, permitUnknownAIs: Bool = false, dictionary: GS1Dictionary = .builtIn) throws(BarcodeError) {
        self = try Self.extract(hri: hri, permitUnknownAIs: permitUnknownAIs, dictionary: dictionary).validated()
    }
}
