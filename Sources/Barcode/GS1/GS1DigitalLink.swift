/// GS1 Digital Link URIs (GS1 Digital Link standard 1.x, "URI syntax"): a web address whose path ends
/// in "/<primary key AI>/<value>" with optional ordered key qualifiers, and whose query may carry
/// further AIs as data attributes, e.g. https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426.
/// Scanned from QR codes and Data Matrix; the elements come out as a `GS1Message`.
public enum GS1DigitalLink {
    public struct Options: Sendable, Hashable {
        /// Accept GTIN-8/12/13 in the (01) path or query and pad them to 14 digits (legacy URIs).
        public var permitZeroSuppressedGTIN: Bool
        /// Accept the deprecated "convenience alphas" such as /gtin/ and /ser/.
        public var permitConvenienceAlphas: Bool
        /// Accept numeric AIs missing from the dictionary (as X..90 values).
        public var permitUnknownAIs: Bool
        /// With `permitUnknownAIs`, also accept such AIs as query data attributes.
        public var unknownAIsMayBeAttributes: Bool

        public init(
            permitZeroSuppressedGTIN: Bool = false, permitConvenienceAlphas: Bool = false,
            permitUnknownAIs: Bool = false, unknownAIsMayBeAttributes: Bool = false
        ) {
            self.permitZeroSuppressedGTIN = permitZeroSuppressedGTIN
            self.permitConvenienceAlphas = permitConvenienceAlphas
            self.permitUnknownAIs = permitUnknownAIs
            self.unknownAIsMayBeAttributes = unknownAIsMayBeAttributes
        }
    }

    /// True when the text starts with an http or https scheme written in one case.
    public static func looksLikeURI(_ text: some StringProtocol) -> Bool {
        ["http://", "https://", "HTTP://", "HTTPS://"].contains { text.hasPrefix($0) }
    }

    /// Strict parse: throws the first problem.
    public static func parse(_ uri: some StringProtocol, options: Options = Options(), dictionary: GS1Dictionary = .builtIn)
        throws(BarcodeError) -> GS1Message
    {
        try extract(uri, options: options, dictionary: dictionary).validated()
    }

    /// Parses a Digital Link URI. Structure errors throw; rule violations inside values are collected.
    public static func extract(_ uri: some StringProtocol, options: Options = Options(), dictionary: GS1Dictionary = .builtIn)
        throws(BarcodeError) -> GS1Extraction
    {
        let text = String(uri)
        func fail(_ why: String) -> BarcodeError { BarcodeError(.badDigitalLink, "Not a valid GS1 Digital Link URI (\(why)): \(text)") }
        guard text.utf8.allSatisfy({ uriCharacters[Int($0)] }) else { throw fail("character not allowed in a URI") }
        guard let scheme = ["https://", "HTTPS://", "http://", "HTTP://"].first(where: { text.hasPrefix($0) }) else {
            throw fail("scheme must be http or https, in one case")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        guard let slash = rest.firstIndex(of: "/"), slash > rest.startIndex else { throw fail("no domain and path") }
        guard !rest[..<slash].contains(where: { "_~?#@!$&'()*+,;=%".contains($0) }) else { throw fail("character not allowed in a domain") }
        rest = rest[slash...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        let parser = GS1ElementParser(dictionary: dictionary, permitUnknownAIs: options.permitUnknownAIs)
        func lookup(_ segment: Substring) -> GS1AIEntry? {
            if options.permitConvenienceAlphas, let ai = convenienceAlphas[String(segment)] { return dictionary.entry(for: ai) }
            guard segment.allSatisfy(\.isASCIIDigit) else { return nil }
            return dictionary.entry(for: segment)
        }
        // Walk back over "/AI/value" pairs until a primary key is found (the stem before it is free).
        var root: Int?
        var position = segments.count - 2
        while position >= 1, let entry = lookup(segments[position]) {
            if entry.isDigitalLinkPrimaryKey {
                root = position
                break
            }
            position -= 2
        }
        guard let root else { throw fail("no GS1 primary key in the path") }

        var elements: [GS1Element] = []
        var problems: [BarcodeError] = []
        func add(_ entry: GS1AIEntry, _ raw: Substring, isQuery: Bool) throws(BarcodeError) {
            guard !raw.isEmpty else { throw fail("AI (\(entry.ai)) has an empty value") }
            guard var value = percentDecoded(raw, plusIsSpace: isQuery) else { throw fail("AI (\(entry.ai)) value decodes to a NUL") }
            if options.permitZeroSuppressedGTIN, entry.ai == "01", [8, 12, 13].contains(value.count) {
                value = [UInt8](repeating: 0x30, count: 14 - value.count) + value
            }
            problems += try parser.check(entry: entry, value: value[...])
            elements.append(GS1Element(ai: entry.ai, value: String(decoding: value, as: UTF8.self), entry: entry))
        }
        var pathAIs: [String] = []
        for index in stride(from: root, to: segments.count - 1, by: 2) {
            guard let entry = lookup(segments[index]) else { throw fail("unknown AI \(segments[index])") }
            try add(entry, segments[index + 1], isQuery: false)
            pathAIs.append(entry.ai)
        }
        let pathCount = elements.count
        for parameter in query.split(separator: "&") {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let key = parameter[..<equals]
            guard !key.isEmpty, key.allSatisfy(\.isASCIIDigit) else { continue }
            let entry: GS1AIEntry
            if let known = dictionary.entry(for: key) {
                entry = known
            } else if options.permitUnknownAIs, (2...4).contains(key.count) {
                entry = .unknown(String(key))
            } else {
                throw fail("query parameter \(key) is numeric but not an AI")
            }
            try add(entry, parameter[parameter.index(after: equals)...], isQuery: true)
        }
        guard isValidKeySequence(pathAIs, dictionary: dictionary) else { throw fail("key qualifiers are not in a permitted order") }
        var seen = Set<String>()
        for element in elements {
            guard seen.insert(element.ai).inserted else { throw fail("AI (\(element.ai)) appears twice") }
        }
        for element in elements.dropFirst(pathCount) {
            let known = dictionary.entry(for: element.ai) != nil
            let allowed = known ? (element.entry?.isDigitalLinkAttribute ?? false) : options.unknownAIsMayBeAttributes
            guard allowed else { throw fail("AI (\(element.ai)) is not allowed as a data attribute") }
            for slot in 1...pathAIs.count {
                var trial = pathAIs
                trial.insert(element.ai, at: slot)
                if isValidKeySequence(trial, dictionary: dictionary) { throw fail("AI (\(element.ai)) belongs in the path, not the query") }
            }
        }
        return GS1Extraction(message: GS1Message(elements: elements), problems: problems)
    }

    /// A primary key followed by an ordered subset of one of its qualifier sequences.
    static func isValidKeySequence(_ ais: [String], dictionary: GS1Dictionary) -> Bool {
        guard let key = ais.first, let alternatives = dictionary.entry(for: key)?.digitalLinkQualifiers else { return false }
        let qualifiers = ais.dropFirst()
        return alternatives.contains { alternative in
            var remaining = alternative[...]
            for qualifier in qualifiers {
                guard let found = remaining.firstIndex(of: qualifier) else { return false }
                remaining = remaining[(found + 1)...]
            }
            return true
        }
    }

    static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x25, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                let decoded = high << 4 | low
                if decoded == 0 { return nil }
                result.append(decoded)
                index += 3
                continue
            }
            result.append(plusIsSpace && byte == 0x2B ? 0x20 : byte)
            index += 1
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    private static let uriCharacters: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// The deprecated short names of GS1 Digital Link 1.0 for key and qualifier AIs.
    static let convenienceAlphas: [String: String] = [
        "gtin": "01", "itip": "8006", "cpv": "22", "lot": "10", "ser": "21", "sscc": "00", "gln": "414",
        "glnx": "254", "party": "417", "gsrnp": "8017", "gsrn": "8018", "srin": "8019", "gdti": "253",
        "ginc": "401", "gsin": "402", "grai": "8003", "giai": "8004", "cpid": "8010", "cpsn": "8011",
        "gcn": "255", "gmn": "8013",
    ]
}
