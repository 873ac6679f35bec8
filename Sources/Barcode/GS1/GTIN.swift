/// A Global Trade Item Number (GS1 General Specifications §3.3.2): the product identity of an item.
/// Accepts the 8, 12, 13 and 14 digit forms and always offers the 14-digit form used in AI (01),
/// which is what the rest of Titlehold stores.
public struct GTIN: Hashable, Sendable, CustomStringConvertible {
    /// The digits as scanned (8, 12, 13 or 14 of them).
    public let digits: String

    /// The GTIN family, judged from the 14-digit form's leading zeros the way GS1 pads them.
    public enum Format: String, Sendable, Hashable {
        case gtin8 = "GTIN-8", gtin12 = "GTIN-12", gtin13 = "GTIN-13", gtin14 = "GTIN-14"
    }

    /// Validates length, digits and check digit.
    public init(_ digits: some StringProtocol) throws(BarcodeError) {
        let text = String(digits)
        guard [8, 12, 13, 14].contains(text.utf8.count) else {
            throw BarcodeError(.badLength, "\(text) is not a GTIN: a GTIN has 8, 12, 13 or 14 digits, not \(text.count).")
        }
        guard text.utf8.allSatisfy(GS1Linters.isDigit) else {
            throw BarcodeError(.invalidCharacter, "\(text) is not a GTIN: it contains characters other than digits.")
        }
        guard GS1CheckDigit.isValid(text) else {
            let expected = GS1CheckDigit.compute(text.dropLast()).map(String.init) ?? "?"
            throw BarcodeError(.badCheckDigit, "GTIN \(text) has a bad check digit: expected \(expected), found \(text.suffix(1)).")
        }
        self.digits = text
    }

    /// The 14-digit form (left-padded with zeros), as carried in AI (01).
    public var gtin14: String { String(repeating: "0", count: 14 - digits.count) + digits }

    public var format: Format {
        let full = gtin14
        if full.hasPrefix("000000") { return .gtin8 }
        if full.hasPrefix("00") { return .gtin12 }
        if full.hasPrefix("0") { return .gtin13 }
        return .gtin14
    }

    public var description: String { gtin14 }
}

/// A Serial Shipping Container Code (GS1 General Specifications §2.2.1): a logistic unit, not a product.
public struct SSCC: Hashable, Sendable, CustomStringConvertible {
    /// The 18 digits.
    public let digits: String

    public init(_ digits: some StringProtocol) throws(BarcodeError) {
        let text = String(digits)
        guard text.utf8.count == 18, text.utf8.allSatisfy(GS1Linters.isDigit) else {
            throw BarcodeError(.badLength, "\(text) is not an SSCC: an SSCC has 18 digits.")
        }
        guard GS1CheckDigit.isValid(text) else {
            let expected = GS1CheckDigit.compute(text.dropLast()).map(String.init) ?? "?"
            throw BarcodeError(.badCheckDigit, "SSCC \(text) has a bad check digit: expected \(expected), found \(text.suffix(1)).")
        }
        self.digits = text
    }

    public var description: String { digits }
}
