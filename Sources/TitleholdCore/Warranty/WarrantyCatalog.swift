/// The manufacturers' standard (factory) warranty periods, per manufacturer and product family
/// (rules.md, "Warranty (art. 18)"): the default period of an item when nobody looked its warranty
/// up at the vendor. Read from `Resources/warranty/catalog.tsv`, data a person corrects
/// (`init(tsv:)`); the caller loads the file.
public struct WarrantyCatalog: Sendable, Hashable {
    /// The rows, in file order (earlier rows win ties, see `match`).
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// One row: a manufacturer's product family and its standard warranty.
    public struct Entry: Sendable, Hashable {
        /// 1-based line in the catalog file, so a person can find and correct the row.
        public var line: Int
        /// The brand as printed on the product ("Dell", "HP", "Lenovo").
        public var manufacturer: String
        /// The product family ("Latitude 5000/7000/9000"), or `*` for "any other product of the brand".
        public var family: String
        public var category: Category
        /// How an item is recognised as belonging to this row.
        public var keys: [MatchKey]
        public var period: Period
        public var startBasis: StartBasis
        /// Where and how the client claims the warranty (portal, phone).
        public var claimRoute: String
        /// Where the period comes from (the vendor's warranty page or document).
        public var source: String
        /// Free text: the choice made where the period varies, confidence.
        public var note: String

        public init(line: Int, manufacturer: String, family: String, category: Category, keys: [MatchKey], period: Period,
                    startBasis: StartBasis, claimRoute: String, source: String, note: String = "") {
            self.line = line; self.manufacturer = manufacturer; self.family = family; self.category = category
            self.keys = keys; self.period = period; self.startBasis = startBasis; self.claimRoute = claimRoute
            self.source = source; self.note = note
        }

        /// Whether this is the brand's catch-all row (family `*`).
        public var isManufacturerDefault: Bool { family == "*" }

        /// Whether `name` (a brand as written on an invoice) is this row's manufacturer or one of its
        /// `maker:` aliases, ignoring case, spaces and punctuation ("Hewlett-Packard" = "hewlett packard").
        public func isMade(by name: String) -> Bool {
            let wanted = WarrantyCatalog.folded(name)
            guard !wanted.isEmpty else { return false }
            if WarrantyCatalog.folded(manufacturer) == wanted { return true }
            return keys.contains { if case .maker(let alias) = $0 { WarrantyCatalog.folded(alias) == wanted } else { false } }
        }
    }

    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case laptop, desktop, workstation, monitor, server, network, dock, phone, peripheral, tablet
    }

    /// A standard warranty period.
    public enum Period: Sendable, Hashable, CustomStringConvertible {
        /// A number of calendar months from the start date.
        case months(Int)
        /// A "limited lifetime" warranty: runs while the first owner owns the product, up to an end
        /// the manufacturer announces (end of sale + N years), which no catalog can know in advance.
        case lifetime

        public var description: String {
            switch self {
            case .months(let n): "\(n) months"
            case .lifetime: "limited lifetime"
            }
        }
    }

    /// From which date the manufacturer counts the warranty when no date of its own is recorded.
    public enum StartBasis: String, Sendable, Hashable, Codable {
        /// Date of purchase or delivery to the end customer (proof of purchase).
        case delivery
        /// The manufacturer's own ship or invoice date, usually days before the delivery.
        case ship
    }

    /// One way a row recognises an item (a column `keys` entry; see `init(tsv:)` for the syntax).
    public enum MatchKey: Sendable, Hashable, CustomStringConvertible {
        /// A GS1 company prefix, as the leading digits of the GTIN written with 13 digits (`0884116`).
        case gtinPrefix(String)
        /// A glob on the item's name (`Latitude 5*`); see `WarrantyCatalog.nameMatches`.
        case name(String)
        /// A vendor serial number format (`CZC???????`); see `WarrantyCatalog.serialMatches`.
        case serial(String)
        /// Another spelling of the manufacturer's name ("Hewlett-Packard").
        case maker(String)

        public var description: String {
            switch self {
            case .gtinPrefix(let p): "gtin:\(p)"
            case .name(let p): "name:\(p)"
            case .serial(let p): "serial:\(p)"
            case .maker(let p): "maker:\(p)"
            }
        }
    }

    /// Lower-cased letters and digits only: how brand names are compared.
    static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
