/// One Application Identifier as described by the GS1 Barcode Syntax Dictionary: its data format
/// (components with character set, length and "linter" checks), whether it has a predefined length
/// (no FNC1 separator needed after it, GS1 General Specifications §7.8.5 figure 7.8.5-2), and its
/// association rules (`req=` requisites, `ex=` exclusions, `dlpkey` Digital Link key qualifiers).
public struct GS1AIEntry: Sendable, Hashable {
    /// The AI digits, e.g. "01", "3103", "8003".
    public let ai: String
    /// `*` flag: predefined length, so no FNC1/GS separator is needed after the value.
    public let hasPredefinedLength: Bool
    /// `?` flag: may appear as a GS1 Digital Link URI data attribute (query parameter).
    public let isDigitalLinkAttribute: Bool
    /// The value's components, applied in order.
    public let components: [GS1Component]
    /// Each inner array is one `req=` attribute: a list of alternatives, each an AND-group of AI
    /// patterns ("n" = any digit). Every attribute must be satisfied by one of its alternatives.
    public let requisites: [[[String]]]
    /// `ex=` patterns: AIs that must not appear together with this one.
    public let exclusions: [String]
    /// `dlpkey`: nil if this AI is not a Digital Link primary key; otherwise the alternative ordered
    /// qualifier sequences (an empty list inside means "no qualifiers").
    public let digitalLinkQualifiers: [[String]]?
    /// Short title from the dictionary, e.g. "GTIN", "BATCH/LOT", "SERIAL".
    public let title: String

    public init(
        ai: String, hasPredefinedLength: Bool, isDigitalLinkAttribute: Bool, components: [GS1Component],
        requisites: [[[String]]], exclusions: [String], digitalLinkQualifiers: [[String]]?, title: String
    ) {
        self.ai = ai
        self.hasPredefinedLength = hasPredefinedLength
        self.isDigitalLinkAttribute = isDigitalLinkAttribute
        self.components = components
        self.requisites = requisites
        self.exclusions = exclusions
        self.digitalLinkQualifiers = digitalLinkQualifiers
        self.title = title
    }

    /// Shortest legal value length (mandatory components at their minimum).
    public var minLength: Int { components.filter { !$0.isOptional }.reduce(0) { $0 + $1.minLength } }
    /// Longest legal value length.
    public var maxLength: Int { components.reduce(0) { $0 + $1.maxLength } }
    /// True when every component has a fixed length and none is optional.
    public var isFixedLength: Bool { components.allSatisfy { !$0.isOptional && $0.minLength == $0.maxLength } }
    /// An FNC1 separator must follow the value when another element comes after it.
    public var needsSeparator: Bool { !hasPredefinedLength }
    /// Whether this AI is a GS1 Digital Link primary key.
    public var isDigitalLinkPrimaryKey: Bool { digitalLinkQualifiers != nil }

    /// The entry used for an AI that is not in the dictionary when unknown AIs are permitted:
    /// treated like the internal AIs 91-99 (X..90, separator required).
    public static func unknown(_ ai: String) -> GS1AIEntry {
        GS1AIEntry(
            ai: ai, hasPredefinedLength: false, isDigitalLinkAttribute: true,
            components: [GS1Component(characterSet: .cset82, minLength: 1, maxLength: 90, isOptional: false, linters: [])],
            requisites: [], exclusions: [], digitalLinkQualifiers: nil, title: "UNKNOWN")
    }
}

/// One component of an AI's value format, e.g. `N13,csum,gcppos1` or `[X..17]`.
public struct GS1Component: Sendable, Hashable {
    /// The character sets of the GS1 General Specifications §7.11 (figures 7.11-1 to 7.11-3).
    public enum CharacterSet: String, Sendable, Hashable {
        /// "N": digits.
        case numeric = "N"
        /// "X": GS1 AI encodable character set 82.
        case cset82 = "X"
        /// "Y": GS1 AI encodable character set 39.
        case cset39 = "Y"
        /// "Z": base64url (character set 64).
        case cset64 = "Z"
    }

    public let characterSet: CharacterSet
    public let minLength: Int
    public let maxLength: Int
    public let isOptional: Bool
    /// Names of the dictionary's "linter" checks to run on this component, e.g. "csum", "yymmd0".
    public let linters: [String]

    public init(characterSet: CharacterSet, minLength: Int, maxLength: Int, isOptional: Bool, linters: [String]) {
        self.characterSet = characterSet
        self.minLength = minLength
        self.maxLength = maxLength
        self.isOptional = isOptional
        self.linters = linters
    }
}
