/// An ANSI MH10.8.2 Data Identifier field ("DI" + value), as carried in ISO/IEC 15434 format 06
/// records, e.g. "1PLM358BIDDFR" = DI "1P" (supplier part number), value "LM358BIDDFR".
/// A DI is up to three digits followed by one upper-case letter (ANSI MH10.8.2 §4).
public struct DataIdentifierField: Hashable, Sendable {
    public let identifier: String
    public let value: String

    public init(identifier: String, value: String) {
        self.identifier = identifier
        self.value = value
    }

    /// Splits "1PLM358" into DI "1P" and value "LM358"; nil when the text does not start with a DI.
    public init?(field: some StringProtocol) {
        let text = Substring(field)
        let digits = text.prefix(while: \.isASCIIDigit)
        guard digits.count <= 3, let letter = text.dropFirst(digits.count).first,
            letter.isASCII, letter.isUppercase
        else { return nil }
        identifier = String(digits) + String(letter)
        value = String(text.dropFirst(digits.count + 1))
    }

    /// What the identifier means for intake, for the DIs that matter there.
    public var role: Role { Self.roles[identifier] ?? .other }

    /// The meaning of the DIs intake cares about (ANSI MH10.8.2 categories P, S, T, Q, K, D, L).
    public enum Role: String, Sendable, Hashable {
        /// P customer item code, 1P supplier part number, 25P part number with issuing agency, 30P
        /// supplier-specific part number (used by distributors for their SKU).
        case productCode
        /// S serial number (supplier), 1S additional supplier code (serial; Lenovo's MTM+serial label),
        /// 25S unique item identifier with issuing agency, 11S a supplier serial that embeds the part
        /// number (seen on IBM/Lenovo part labels; kept whole).
        case serialNumber
        /// T / 1T traceability (lot/batch) number.
        case lot
        /// Q quantity.
        case quantity
        /// K customer order number, 1K supplier order number, 14K order line.
        case orderReference
        /// D date (YYMMDD), 10D date code (YYWW), 14D expiry (YYYYMMDD), 16D production (YYYYMMDD).
        case date
        /// 4L country of origin.
        case countryOfOrigin
        /// 1V / V supplier or manufacturer code.
        case party
        case other
    }

    static let roles: [String: Role] = [
        "P": .productCode, "1P": .productCode, "25P": .productCode, "30P": .productCode,
        "S": .serialNumber, "1S": .serialNumber, "25S": .serialNumber, "11S": .serialNumber,
        "T": .lot, "1T": .lot, "Q": .quantity,
        "K": .orderReference, "1K": .orderReference, "14K": .orderReference,
        "D": .date, "10D": .date, "14D": .date, "16D": .date, "4L": .countryOfOrigin,
        "V": .party, "1V": .party,
    ]
}
