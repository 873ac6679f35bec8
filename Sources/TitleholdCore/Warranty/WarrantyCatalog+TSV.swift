/// A problem in the warranty catalog file: the line, the column and what is wrong, so a person
/// can open `Resources/warranty/catalog.tsv` and correct it.
public struct WarrantyCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line in the file.
    public var line: Int
    /// The column's header name (`months`, `keys`), `nil` when the line as a whole is wrong.
    public var column: String?
    public var message: String

    public init(line: Int, column: String?, message: String) { self.line = line; self.column = column; self.message = message }

    public var description: String {
        "warranty catalog line \(line)\(column.map { ", column \($0)" } ?? ""): \(message)"
    }
}

extension WarrantyCatalog {
    /// The columns of the file, in order; `note` may be left out.
    public static let columns = ["manufacturer", "family", "category", "keys", "months", "start", "claim", "source", "note"]

    /// Parses `Resources/warranty/catalog.tsv` (its README describes the format).
    ///
    /// Tab-separated, one row per manufacturer product family, columns as in `columns`. Blank lines,
    /// lines starting with `#` and the header line (starting with `manufacturer`) are skipped.
    /// - `category`: one of `Category` (`laptop`, `monitor`, …).
    /// - `keys`: `;`-separated, each `gtin:DIGITS` (GS1 company prefix in the 13-digit GTIN, 4–12
    ///   digits), `name:GLOB`, `serial:MASK` or `maker:ALIAS`. May be empty only on a brand's `*` row.
    /// - `months`: whole months 1–240, or `lifetime`.
    /// - `start`: `delivery` or `ship`.
    /// - `claim` and `source`: required, free text (a URL, a phone number).
    public init(tsv text: String) throws(WarrantyCatalogError) {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().hasPrefix("manufacturer\t") { continue }
            let fields = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map { String($0.trimmingSpaces) }
            guard fields.count >= 8, fields.count <= 9 else {
                throw WarrantyCatalogError(
                    line: lineNumber, column: nil,
                    message: "expected 8 or 9 tab-separated columns (\(Self.columns.joined(separator: ", "))), found \(fields.count)")
            }
            entries.append(try Self.entry(fields, line: lineNumber))
        }
        self.init(entries: entries)
    }

    private static func entry(_ fields: [String], line: Int) throws(WarrantyCatalogError) -> Entry {
        func fail(_ column: String, _ message: String) -> WarrantyCatalogError {
            WarrantyCatalogError(line: line, column: column, message: message)
        }
        let manufacturer = fields[0], family = fields[1]
        guard !manufacturer.isEmpty else { throw fail("manufacturer", "is empty") }
        guard !family.isEmpty else { throw fail("family", "is empty (write * for the brand's other products)") }
        guard let category = Category(rawValue: fields[2].lowercased()) else {
            throw fail("category", "'\(fields[2])' is not one of \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var keys: [MatchKey] = []
        for raw in fields[3].split(separator: ";") {
            let key = raw.trimmingSpaces
            if key.isEmpty { continue }
            keys.append(try matchKey(key, fail: fail))
        }
        if keys.isEmpty && family != "*" {
            throw fail("keys", "a row for a product family needs at least one gtin:, name: or serial: key, or it never matches")
        }
        let period: Period
        if fields[4].lowercased() == "lifetime" {
            period = .lifetime
        } else if let months = Int(fields[4]), (1...240).contains(months) {
            period = .months(months)
        } else {
            throw fail("months", "'\(fields[4])' is not a number of months from 1 to 240 or 'lifetime'")
        }
        guard let start = StartBasis(rawValue: fields[5].lowercased()) else {
            throw fail("start", "'\(fields[5])' is not 'delivery' or 'ship'")
        }
        guard !fields[6].isEmpty else { throw fail("claim", "is empty: say where the client claims the warranty") }
        guard !fields[7].isEmpty else { throw fail("source", "is empty: say where the period comes from") }
        return Entry(line: line, manufacturer: manufacturer, family: family, category: category, keys: keys, period: period,
                     startBasis: start, claimRoute: fields[6], source: fields[7], note: fields.count > 8 ? fields[8] : "")
    }

    private static func matchKey(
        _ key: Substring, fail: (String, String) -> WarrantyCatalogError
    ) throws(WarrantyCatalogError) -> MatchKey {
        guard let colon = key.firstIndex(of: ":") else {
            throw fail("keys", "'\(key)' is not kind:value (gtin:, name:, serial: or maker:)")
        }
        let kind = key[..<colon].trimmingSpaces.lowercased()
        let value = String(key[key.index(after: colon)...].trimmingSpaces)
        guard !value.isEmpty else { throw fail("keys", "'\(key)' has no value after the colon") }
        switch kind {
        case "gtin":
            guard (4...12).contains(value.count), value.allSatisfy(\.isASCIIDigit) else {
                throw fail("keys", "'\(value)' is not a GS1 company prefix of 4 to 12 digits (as in the 13-digit GTIN)")
            }
            return .gtinPrefix(value)
        case "name": return .name(value)
        case "serial":
            guard !normalizedSerial(value).isEmpty else { throw fail("keys", "the serial format '\(value)' is empty") }
            return .serial(value)
        case "maker": return .maker(value)
        default: throw fail("keys", "'\(kind)' is not a key kind (gtin, name, serial or maker)")
        }
    }
}
