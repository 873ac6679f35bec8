/// A problem found while decoding or interpreting a scan: what went wrong and where, in words a person
/// at the intake desk (or the developer reading the log) can act on.
///
/// One error type serves the whole module so that an intake session has a single thing to show:
/// `code` for the program, `message` for the person, `ai` / `dataIdentifier` / `position` for where.
public struct BarcodeError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem, for programs that react differently (e.g. re-scan vs. reject).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // Scan-level
        case empty, badSymbologyIdentifier, unsupportedSymbology, malformedEnvelope, unrecognized
        // GS1 element strings (GS1 General Specifications §7.8, the Barcode Syntax Dictionary)
        case noApplicationIdentifier, unknownApplicationIdentifier, valueTooShort, valueTooLong
        case missingSeparator, emptyValue, invalidCharacter, badCheckDigit, invalidDate, invalidTime
        case invalidValue, missingRequisite, mutuallyExclusive, conflictingRepeat, digitalSignatureNeedsSerial
        // Other syntaxes
        case badBracketedSyntax, badDigitalLink, badDataString, badLength
        // HID decoding
        case badReport, incompleteScan, scanTooLong
        // Data files
        case badDictionary, badKeyboardLayout
    }

    public let code: Code
    /// What went wrong, in a sentence that names the data involved.
    public let message: String
    /// The GS1 Application Identifier concerned, if any.
    public let ai: String?

    public init(_ code: Code, _ message: String, ai: String? = nil) {
        self.code = code
        self.message = message
        self.ai = ai
    }

    public var description: String { message }
}
