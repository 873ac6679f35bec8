/// An ISO/IEC 15434 message: "[)>" RS, then one or more formats, each "NN" GS fields... RS, and EOT.
/// Format 05 carries GS1 element strings, format 06 ANSI MH10.8.2 Data Identifiers; other formats
/// are kept as raw fields. Real labels are sometimes sloppy, so two deviations are read and
/// reported rather than refused: a missing RS/EOT trailer (DigiKey labels) and the legacy header
/// ">[)>06" without RS (older Mouser labels).
public struct ISO15434Message: Hashable, Sendable {
    public struct Format: Hashable, Sendable {
        /// "05", "06", "12", ...
        public let indicator: String
        /// The GS-separated fields after the indicator (for 06: DI + value each).
        public let fields: [String]
        /// Format 06 fields split into DI and value (fields that do not start with a DI are left out).
        public var dataIdentifiers: [DataIdentifierField] { fields.compactMap { DataIdentifierField(field: $0) } }
    }

    public let formats: [Format]
    /// Deviations from ISO/IEC 15434 that were tolerated, for the log.
    public let deviations: [String]

    /// All DI fields of all format 06 parts.
    public var dataIdentifiers: [DataIdentifierField] { formats.filter { $0.indicator == "06" }.flatMap(\.dataIdentifiers) }

    /// The value of the first field with this DI.
    public func value(for identifier: String) -> String? { dataIdentifiers.first { $0.identifier == identifier }?.value }

    /// True when the text starts like an ISO/IEC 15434 message (also the legacy ">[)>").
    public static func looksLikeEnvelope(_ text: some StringProtocol) -> Bool {
        text.hasPrefix("[)>") || text.hasPrefix(">[)>")
    }

    public init(_ scan: some StringProtocol) throws(BarcodeError) {
        let rs: Character = "\u{1E}"
        let gs: Character = "\u{1D}"
        let eot: Character = "\u{04}"
        var text = Substring(scan)
        var deviations: [String] = []
        if text.hasPrefix(">[)>") {
            text = text.dropFirst()
            deviations.append("stray \">\" before the \"[)>\" header")
        }
        guard text.hasPrefix("[)>") else {
            throw BarcodeError(.malformedEnvelope, "An ISO/IEC 15434 message starts with \"[)>\": \(scan.prefix(8))")
        }
        text = text.dropFirst(3)
        if text.first == rs {
            text = text.dropFirst()
        } else {
            deviations.append("no RS after the \"[)>\" header")
        }
        if text.last == eot {
            text = text.dropLast()
        } else {
            deviations.append("no EOT at the end")
        }
        if text.last == rs { text = text.dropLast() }
        var formats: [Format] = []
        for part in text.split(separator: rs, omittingEmptySubsequences: true) {
            var fields = part.split(separator: gs, omittingEmptySubsequences: false).map(String.init)
            let indicator = fields.isEmpty ? "" : fields.removeFirst()
            guard indicator.count == 2, indicator.allSatisfy(\.isASCIIDigit) else {
                throw BarcodeError(.malformedEnvelope, "ISO/IEC 15434 format indicator must be two digits, found \"\(indicator.prefix(4))\".")
            }
            let data = fields.filter { !$0.isEmpty }
            guard !data.isEmpty else {
                throw BarcodeError(.malformedEnvelope, "ISO/IEC 15434 format \(indicator) holds no data fields (GS-separated).")
            }
            formats.append(Format(indicator: indicator, fields: data))
        }
        guard !formats.isEmpty else { throw BarcodeError(.malformedEnvelope, "The ISO/IEC 15434 message holds no format.") }
        self.formats = formats
        self.deviations = deviations
    }

    /// Format 05 parts read as GS1 element strings.
    public func gs1Messages(dictionary: GS1Dictionary = .builtIn) throws(BarcodeError) -> [GS1Message] {
        var result: [GS1Message] = []
        for format in formats where format.indicator == "05" {
            result.append(try GS1Message(elementString: format.fields.joined(separator: "\u{1D}"), dictionary: dictionary))
        }
        return result
    }
}
