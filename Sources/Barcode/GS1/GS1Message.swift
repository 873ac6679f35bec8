/// One GS1 element: an Application Identifier and its value (GS1 General Specifications §3).
public struct GS1Element: Hashable, Sendable {
    public let ai: String
    public let value: String
    /// The dictionary entry, or nil for an AI that is not in the dictionary (only when permitted).
    public let entry: GS1AIEntry?

    public init(ai: String, value: String, entry: GS1AIEntry?) {
        self.ai = ai
        self.value = value
        self.entry = entry
    }

    /// The dictionary's short title ("GTIN", "BATCH/LOT", "SERIAL", ...).
    public var title: String { entry?.title ?? "UNKNOWN" }

    /// The date this element carries, for AIs whose first component is a date (11, 13, 15, 16, 17,
    /// 7006, 7007, 4324, 8008, ...), without judging its validity.
    public var date: GS1Date? { GS1Date.extract(from: self) }
}

/// A GS1 message: the element strings read from one barcode (or one Digital Link URI), in order.
/// Offers the three textual forms of GS1 General Specifications §4.15 / §7.8: the human-readable
/// bracketed form, the transmitted form with GS separators, and the "^" data-string form used by
/// the GS1 Barcode Syntax Engine.
public struct GS1Message: Hashable, Sendable {
    public let elements: [GS1Element]

    public init(elements: [GS1Element]) { self.elements = elements }

    /// The first value for an AI, e.g. `value(for: "21")` for the serial number.
    public func value(for ai: String) -> String? { elements.first { $0.ai == ai }?.value }

    /// Whether an AI is present.
    public func contains(_ ai: String) -> Bool { elements.contains { $0.ai == ai } }

    /// Human-readable interpretation, e.g. "(01)09501101020917(17)190508(10)ABCD1234(21)10".
    public var hri: String { elements.map { "(\($0.ai))\($0.value)" }.joined() }

    /// The element string as a scanner transmits it after the symbology identifier: elements
    /// concatenated, with `separator` (GS by default) after every variable-length value that is
    /// followed by another element (GS1 General Specifications §7.8.5).
    public func elementString(separator: String = "\u{1D}") -> String {
        var result = ""
        for (index, element) in elements.enumerated() {
            result += element.ai + element.value
            if index < elements.count - 1, element.entry?.needsSeparator ?? true { result += separator }
        }
        return result
    }

    /// The "^" form of the GS1 Barcode Syntax Engine: FNC1 in first position and as separator.
    public var dataString: String { "^" + elementString(separator: "^") }

    /// The GTIN of AI (01) when present and valid.
    public var gtin: GTIN? { value(for: "01").flatMap { try? GTIN($0) } }
}

/// What was read from a GS1 element string even when some values break the rules: the elements,
/// plus one problem per rule broken (bad check digit, bad date, wrong character set...).
public struct GS1Extraction: Sendable {
    public let message: GS1Message
    public let problems: [BarcodeError]

    /// The message when there is no problem.
    public func validated() throws(BarcodeError) -> GS1Message {
        if let first = problems.first { throw first }
        return message
    }
}
