/// Reading GS1 element strings: the form a scanner transmits after the symbology identifier
/// (GS1 General Specifications §7.8.5: predefined-length AIs run straight into the next AI, every
/// other value ends at an FNC1, transmitted as GS 0x1D) and the Syntax Engine's "^" data string.
extension GS1Message {
    /// Reads an element string as transmitted (no leading FNC1; `separators` end variable values).
    /// Structural errors (unknown AI, value too short or too long) throw; rule violations inside a
    /// value (check digit, date, character set) are collected in `problems`.
    public static func extract(
        elementString: some StringProtocol, separators: Set<Character> = ["\u{1D}"],
        dictionary: GS1Dictionary = .builtIn
    ) throws(BarcodeError) -> GS1Extraction {
        let bytes = Array(elementString.utf8)
        let separatorBytes = Set(separators.compactMap { $0.asciiValue })
        return try GS1ElementParser(dictionary: dictionary, permitUnknownAIs: false).extract(bytes, separators: separatorBytes)
    }

    /// Strict form of `extract(elementString:)`: throws the first problem.
    public init(elementString: some StringProtocol, separators: Set<Character> = ["\u{1D}"], dictionary: GS1Dictionary = .builtIn)
        throws(BarcodeError)
    {
        self = try Self.extract(elementString: elementString, separators: separators, dictionary: dictionary).validated()
    }

    /// Reads the Syntax Engine's data string: "^" (FNC1) first, "^" between elements.
    public static func extract(dataString: some StringProtocol, dictionary: GS1Dictionary = .builtIn) throws(BarcodeError) -> GS1Extraction {
        let bytes = Array(dataString.utf8)
        guard bytes.first == 0x5E else {
            throw BarcodeError(.badDataString, "GS1 data must start with FNC1 (\"^\"): \(dataString)")
        }
        return try GS1ElementParser(dictionary: dictionary, permitUnknownAIs: false).extract(Array(bytes.dropFirst()), separators: [0x5E])
    }

    /// Strict form of `extract(dataString:)`.
    public init(dataString: some StringProtocol, dictionary: GS1Dictionary = .builtIn) throws(BarcodeError) {
        self = try Self.extract(dataString: dataString, dictionary: dictionary).validated()
    }
}

/// The element splitter and checker shared by every GS1 syntax.
struct GS1ElementParser {
    let dictionary: GS1Dictionary
    let permitUnknownAIs: Bool

    func extract(_ bytes: [UInt8], separators: Set<UInt8>) throws(BarcodeError) -> GS1Extraction {
        var elements: [GS1Element] = []
        var problems: [BarcodeError] = []
        var index = 0
        while index < bytes.count {
            if separators.contains(bytes[index]) {
                index += 1
                continue
            }
            guard let entry = dictionary.matchAI(in: bytes, from: index) else {
                let rest = String(decoding: bytes[index...], as: UTF8.self)
                if elements.isEmpty, !GS1Linters.isDigit(bytes[index]) {
                    throw BarcodeError(.noApplicationIdentifier, "The data does not start with a GS1 Application Identifier: \(rest)")
                }
                throw BarcodeError(.unknownApplicationIdentifier, "No GS1 Application Identifier starts \"\(rest.prefix(8))\" (after \(elements.count) element(s)).")
            }
            index += entry.ai.utf8.count
            var end = index
            if entry.hasPredefinedLength, entry.isFixedLength {
                end = min(index + entry.maxLength, bytes.count)
                if let cut = bytes[index..<end].firstIndex(where: separators.contains) { end = cut }
            } else {
                while end < bytes.count, !separators.contains(bytes[end]) { end += 1 }
            }
            let value = bytes[index..<end]
            problems += try check(entry: entry, value: value, following: bytes[end...])
            elements.append(GS1Element(ai: entry.ai, value: String(decoding: value, as: UTF8.self), entry: entry))
            index = end
        }
        if elements.isEmpty { throw BarcodeError(.empty, "The GS1 data contains no element.") }
        return GS1Extraction(message: GS1Message(elements: elements), problems: problems)
    }

    /// Checks one value against its entry: the split into components (throws when the length cannot
    /// fit), then character set and linters per component (returned as problems).
    func check(entry: GS1AIEntry, value: ArraySlice<UInt8>, following: ArraySlice<UInt8> = []) throws(BarcodeError) -> [BarcodeError] {
        let ai = entry.ai
        let text = String(decoding: value, as: UTF8.self)
        if value.isEmpty { throw BarcodeError(.emptyValue, "AI (\(ai)) has an empty value.", ai: ai) }
        var pieces: [(GS1Component, ArraySlice<UInt8>)] = []
        var position = value.startIndex
        for component in entry.components {
            let remaining = value.endIndex - position
            if component.isOptional, remaining == 0 { break }
            if remaining < component.minLength {
                throw BarcodeError(
                    .valueTooShort, "AI (\(ai)) \(entry.title): \"\(text)\" is too short (at least \(entry.minLength) characters).", ai: ai)
            }
            let take = min(remaining, component.maxLength)
            pieces.append((component, value[position..<(position + take)]))
            position += take
        }
        if position < value.endIndex {
            let rest = value[position...] + following
            if !entry.isFixedLength, dictionary.matchAI(in: Array(rest), from: 0) != nil {
                throw BarcodeError(
                    .missingSeparator,
                    "AI (\(ai)) \(entry.title): \"\(text)\" is longer than \(entry.maxLength) characters; the group separator (FNC1) that should end it is probably missing.",
                    ai: ai)
            }
            throw BarcodeError(
                .valueTooLong, "AI (\(ai)) \(entry.title): \"\(text)\" is too long (at most \(entry.maxLength) characters).", ai: ai)
        }
        var problems: [BarcodeError] = []
        for (component, piece) in pieces {
            if let bad = piece.first(where: { !Self.isAllowed($0, in: component.characterSet) }) {
                problems.append(BarcodeError(
                    .invalidCharacter,
                    "AI (\(ai)) \(entry.title): \"\(text)\" contains \(Self.describe(bad)), not allowed in \(Self.name(component.characterSet)).", ai: ai))
                continue
            }
            if component.characterSet == .cset64, !Self.isValidBase64URL(piece) {
                problems.append(BarcodeError(.invalidCharacter, "AI (\(ai)): \"\(text)\" has misplaced base64 padding.", ai: ai))
                continue
            }
            for linter in component.linters {
                if let failure = GS1Linters.check(linter, piece) {
                    problems.append(BarcodeError(failure.code, "AI (\(ai)) \(entry.title): \(failure.reason).", ai: ai))
                    break
                }
            }
        }
        return problems
    }

    static func isAllowed(_ byte: UInt8, in set: GS1Component.CharacterSet) -> Bool {
        switch set {
        case .numeric: return GS1Linters.isDigit(byte)
        case .cset82: return cset82[Int(byte)]
        case .cset39: return GS1Linters.isDigit(byte) || GS1Linters.isUpper(byte) || byte == 0x23 || byte == 0x2D || byte == 0x2F
        case .cset64:
            return GS1Linters.isDigit(byte) || GS1Linters.isUpper(byte) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x3D
        }
    }

    /// GS1 AI encodable character set 82 (GS1 General Specifications figure 7.11-1).
    static let cset82: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static func isValidBase64URL(_ piece: ArraySlice<UInt8>) -> Bool {
        guard let firstPad = piece.firstIndex(of: 0x3D) else { return true }
        return piece[firstPad...].allSatisfy { $0 == 0x3D } && piece.endIndex - firstPad <= 2
    }

    /// A byte as an error message shows it: printable ASCII quoted, control characters by name and
    /// code (an RS or EOT left over from an envelope, or a scanner suffix, is otherwise invisible).
    static func describe(_ byte: UInt8) -> String {
        let names: [UInt8: String] = [0x04: "EOT", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1D: "GS", 0x1E: "RS", 0x20: "a space"]
        let hex = "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        if let name = names[byte] { return byte == 0x20 ? name : "\(name) (\(hex))" }
        if byte < 0x20 || byte == 0x7F { return "the control character \(hex)" }
        if byte >= 0x80 { return "a non-ASCII character" }
        return "\"\(String(UnicodeScalar(byte)))\""
    }

    private static func name(_ set: GS1Component.CharacterSet) -> String {
        switch set {
        case .numeric: return "a numeric field"
        case .cset82: return "GS1 character set 82"
        case .cset39: return "GS1 character set 39"
        case .cset64: return "base64url"
        }
    }
}
