import Foundation

/// The GS1 Barcode Syntax Dictionary: the machine-readable AI table that GS1 maintains beside the
/// General Specifications (format, FNC1 need, check-digit and date "linters", `req=`/`ex=`
/// associations, Digital Link keys). Parsed from its published text format; the module carries a
/// built-in copy (`GS1Dictionary.builtIn`) so it works without any file, and a newer release can be
/// loaded from a data directory (`Resources/gs1/gs1-syntax-dictionary.txt`).
public struct GS1Dictionary: Sendable {
    /// Entries by AI, ranges already expanded ("3100-3105" gives six entries).
    public let entries: [String: GS1AIEntry]
    /// The "Release:" line of the file, e.g. "2026-01-27", if present.
    public let release: String?

    /// The name of the dictionary file inside a data directory.
    public static let fileName = "gs1-syntax-dictionary.txt"

    /// Parses the dictionary's text format (see the header of the GS1 file for the syntax).
    public init(text: String) throws(BarcodeError) {
        var entries: [String: GS1AIEntry] = [:]
        var release: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                if let range = line.range(of: "Release:") {
                    release = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            if line.isEmpty { continue }
            for entry in try Self.parseLine(line, number: index + 1) { entries[entry.ai] = entry }
        }
        if entries.isEmpty { throw BarcodeError(.badDictionary, "The GS1 syntax dictionary text contains no AI entries.") }
        self.entries = entries
        self.release = release
    }

    /// Loads `gs1-syntax-dictionary.txt` from a data directory the caller passes.
    public init(directory: URL) throws {
        let url = directory.appendingPathComponent(Self.fileName)
        let text = try String(contentsOf: url, encoding: .utf8)
        try self.init(text: text)
    }

    /// The copy compiled into the module (release noted in `GS1Dictionary+BuiltIn.swift`).
    public static let builtIn: GS1Dictionary = {
        do { return try GS1Dictionary(text: builtInText) } catch {
            // The built-in text is checked by the tests; an empty table keeps the process alive.
            return GS1Dictionary(entries: [:], release: nil)
        }
    }()

    init(entries: [String: GS1AIEntry], release: String?) {
        self.entries = entries
        self.release = release
    }

    /// The entry for an AI given as text, e.g. "01".
    public func entry(for ai: some StringProtocol) -> GS1AIEntry? { entries[String(ai)] }

    /// Finds the AI at the start of `bytes[from...]`: AIs are 2 to 4 digits and, by design of the
    /// GS1 system, no AI is a prefix of another, so the first length that matches is the AI.
    func matchAI(in bytes: [UInt8], from start: Int) -> GS1AIEntry? {
        var key = ""
        var index = start
        while index < bytes.count, index - start < 4 {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            key.unicodeScalars.append(Unicode.Scalar(byte))
            index += 1
            if key.count >= 2, let entry = entries[key] { return entry }
        }
        return nil
    }

    // MARK: - Line parsing

    private static let flagCharacters = Set("*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~")

    private static func parseLine(_ line: String, number: Int) throws(BarcodeError) -> [GS1AIEntry] {
        var body = Substring(line)
        var title = ""
        if let hash = body.firstIndex(of: "#") {
            title = body[body.index(after: hash)...].trimmingCharacters(in: .whitespaces)
            body = body[..<hash]
        }
        var tokens = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !tokens.isEmpty else { return [] }
        let ais = try expandRange(tokens.removeFirst(), line: number)
        var flags = ""
        if let first = tokens.first, first.allSatisfy({ flagCharacters.contains($0) }) {
            flags = tokens.removeFirst()
        }
        var components: [GS1Component] = []
        while let first = tokens.first, isComponent(first) {
            components.append(try parseComponent(tokens.removeFirst(), line: number))
        }
        if components.isEmpty {
            throw BarcodeError(.badDictionary, "GS1 dictionary line \(number): no format specification.")
        }
        var requisites: [[[String]]] = []
        var exclusions: [String] = []
        var qualifiers: [[String]]?
        for token in tokens {
            if token.hasPrefix("req=") {
                requisites.append(token.dropFirst(4).split(separator: ",").map { $0.split(separator: "+").map(String.init) })
            } else if token.hasPrefix("ex=") {
                exclusions += token.dropFirst(3).split(separator: ",").map(String.init)
            } else if token == "dlpkey" {
                qualifiers = [[]]
            } else if token.hasPrefix("dlpkey=") {
                qualifiers = token.dropFirst(7).split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.split(separator: ",").map(String.init) }
            }
        }
        return ais.map {
            GS1AIEntry(
                ai: $0, hasPredefinedLength: flags.contains("*"), isDigitalLinkAttribute: flags.contains("?"),
                components: components, requisites: requisites, exclusions: exclusions,
                digitalLinkQualifiers: qualifiers, title: title)
        }
    }

    private static func expandRange(_ token: String, line: Int) throws(BarcodeError) -> [String] {
        let parts = token.split(separator: "-").map(String.init)
        let allDigits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        guard allDigits, parts.count == 1 || parts.count == 2 else {
            throw BarcodeError(.badDictionary, "GS1 dictionary line \(line): \"\(token)\" is not an AI or AI range.")
        }
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high,
            parts[0].count == parts[1].count
        else { return [parts[0]] }
        let width = parts[0].count
        return (low...high).map { value in
            let digits = String(value)
            return String(repeating: "0", count: width - digits.count) + digits
        }
    }

    private static func isComponent(_ token: String) -> Bool {
        let body = token.hasPrefix("[") ? token.dropFirst() : Substring(token)
        guard let first = body.first else { return false }
        return "NXYZ".contains(first) && !token.contains("=")
    }

    private static func parseComponent(_ token: String, line: Int) throws(BarcodeError) -> GS1Component {
        var rest = Substring(token)
        var optional = false
        var type: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw BarcodeError(.badDictionary, "GS1 dictionary line \(line): unclosed \"[\" in \(token).")
            }
            optional = true
            type = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
        } else {
            type = rest.prefix(while: { $0 != "," })
            rest = rest[type.endIndex...]
        }
        let linters = rest.split(separator: ",").map(String.init)
        guard let letter = type.first, let set = GS1Component.CharacterSet(rawValue: String(letter)) else {
            throw BarcodeError(.badDictionary, "GS1 dictionary line \(line): unknown type in \(token).")
        }
        let lengthSpec = type.dropFirst()
        let minLength: Int
        let maxLength: Int
        if let dots = lengthSpec.range(of: "..") {
            let low = lengthSpec[..<dots.lowerBound]
            minLength = low.isEmpty ? 1 : Int(low) ?? -1
            maxLength = Int(lengthSpec[dots.upperBound...]) ?? -1
        } else {
            minLength = Int(lengthSpec) ?? -1
            maxLength = minLength
        }
        guard minLength >= 0, maxLength >= max(minLength, 1) else {
            throw BarcodeError(.badDictionary, "GS1 dictionary line \(line): bad length in \(token).")
        }
        return GS1Component(characterSet: set, minLength: minLength, maxLength: maxLength, isOptional: optional, linters: linters)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
