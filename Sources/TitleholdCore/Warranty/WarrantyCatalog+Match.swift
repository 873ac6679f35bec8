extension WarrantyCatalog {
    /// The row an item matched and why: printed with the status so a person can check the choice.
    public struct Match: Sendable, Hashable, CustomStringConvertible {
        public var entry: Entry
        public var basis: Basis
        public init(entry: Entry, basis: Basis) { self.entry = entry; self.basis = basis }

        /// "name 'Dell Latitude 5440' matches 'Latitude 5*' (catalog line 12)".
        public var description: String {
            let what: String
            switch basis {
            case .name(let name, let pattern): what = "name '\(name)' matches '\(pattern)'"
            case .gtinPrefix(let gtin, let prefix): what = "GTIN \(gtin) has the GS1 company prefix \(prefix)"
            case .serialFormat(let serial, let mask): what = "serial \(serial) has the format \(mask)"
            case .manufacturer(let name): what = "manufacturer '\(name)', family unknown"
            }
            return "\(what) (catalog line \(entry.line))"
        }
    }

    /// Which key decided the match.
    public enum Basis: Sendable, Hashable {
        case name(String, pattern: String)
        case gtinPrefix(String, prefix: String)
        case serialFormat(String, mask: String)
        case manufacturer(String)
    }

    /// The catalog row for an item, or `nil` when nothing identifies it.
    ///
    /// Precedence (the most specific evidence of the product family first):
    /// 1. the item's **name** against `name:` globs (a product family's row over the brand's `*` row,
    ///    then the glob with the most literal characters);
    /// 2. the **GTIN**'s GS1 company prefix against `gtin:` keys (the longest prefix wins);
    /// 3. the **serial** against `serial:` formats (literal characters outweigh character classes;
    ///    equally specific formats of two manufacturers are ambiguous and match nothing; a format
    ///    without fixed characters counts only when the brand is known or the item has no name);
    /// 4. the **manufacturer** alone: the brand's `*` row.
    /// A manufacturer given by the caller restricts every step to that brand's rows; without one, a
    /// GTIN prefix hit restricts steps 1 and 3 to the brand it names. With the brand known, step 1
    /// also tries the name with the brand in front. Ties go to the earlier row.
    public func match(gtin: String?, serial: String?, name: String?, manufacturer: String?) -> Match? {
        let maker = manufacturer.flatMap { Self.folded($0).isEmpty ? nil : $0 }
        let allowed = maker.map { rows(madeBy: $0) } ?? entries
        let gtinHit = gtin.flatMap { bestGTINMatch($0, in: allowed) }
        let candidates = maker == nil ? (gtinHit.map { rows(madeBy: $0.entry.manufacturer) } ?? allowed) : allowed
        let makerKnown = maker != nil || gtinHit != nil

        if let name, let hit = bestNameMatch(name, in: candidates, makerKnown: makerKnown) { return hit }
        if let gtinHit { return gtinHit }
        if let serial, let hit = bestSerialMatch(serial, in: candidates, withoutLiterals: makerKnown || name == nil) { return hit }
        if let maker, let entry = allowed.first(where: \.isManufacturerDefault) {
            return Match(entry: entry, basis: .manufacturer(maker))
        }
        return nil
    }

    /// The rows of the brand called `name`: a row's `manufacturer`, or a `maker:` alias on any row
    /// of that manufacturer, ignoring case and punctuation ("hewlett-packard" finds every HP row).
    public func rows(madeBy name: String) -> [Entry] {
        let brands = Set(entries.filter { $0.isMade(by: name) }.map { Self.folded($0.manufacturer) })
        return entries.filter { brands.contains(Self.folded($0.manufacturer)) }
    }

    /// When the brand is known, a name without it ("P2425H") is also tried with the brand in front
    /// ("Dell P2425H"), so rows can use brand-qualified patterns for short model codes.
    private func bestNameMatch(_ name: String, in rows: [Entry], makerKnown: Bool) -> Match? {
        var best: (match: Match, score: Int)?
        for entry in rows {
            let names = makerKnown ? [name, entry.manufacturer + " " + name] : [name]
            for case .name(let pattern) in entry.keys where names.contains(where: { Self.nameMatches($0, pattern: pattern) }) {
                // A family row beats the brand's catch-all `*` row whatever the lengths.
                let score = pattern.filter { $0 != "*" && $0 != "?" }.count + (entry.isManufacturerDefault ? 0 : 1_000)
                if score > best?.score ?? -1 {
                    best = (Match(entry: entry, basis: .name(name, pattern: pattern)), score)
                }
            }
        }
        return best?.match
    }

    private func bestGTINMatch(_ gtin: String, in rows: [Entry]) -> Match? {
        guard let digits = Self.gtin13(gtin) else { return nil }
        var best: Match?
        var bestLength = 0
        for entry in rows {
            for case .gtinPrefix(let prefix) in entry.keys where digits.hasPrefix(prefix) && prefix.count > bestLength {
                best = Match(entry: entry, basis: .gtinPrefix(gtin, prefix: prefix))
                bestLength = prefix.count
            }
        }
        return best
    }

    /// A format without fixed characters (Dell's `???????`) says little: `withoutLiterals` is false
    /// when the item has a name no row recognised and no brand is known, and such formats are skipped.
    private func bestSerialMatch(_ serial: String, in rows: [Entry], withoutLiterals: Bool) -> Match? {
        let normalized = Self.normalizedSerial(serial)
        guard !normalized.isEmpty else { return nil }
        var best: (match: Match, score: Int)?
        var ambiguous = false
        for entry in rows {
            for case .serial(let mask) in entry.keys
            where (withoutLiterals || Self.hasLiterals(mask)) && Self.serialMatches(normalized, mask: mask) {
                let score = Self.specificity(mask: mask)
                if let current = best, score == current.score {
                    if Self.folded(entry.manufacturer) != Self.folded(current.match.entry.manufacturer) { ambiguous = true }
                } else if score > best?.score ?? -1 {
                    best = (Match(entry: entry, basis: .serialFormat(serial, mask: mask)), score)
                    ambiguous = false
                }
            }
        }
        return ambiguous ? nil : best?.match
    }
}

extension WarrantyCatalog {
    /// Whether a `name:` glob matches an item name: case-insensitive, `*` any run of characters,
    /// `?` one character; the glob is matched from the start of any word of the name to its end,
    /// so `Latitude 5*` matches "Dell Latitude 5440 i5" but not "Dell XLatitude 5440".
    public static func nameMatches(_ name: String, pattern: String) -> Bool {
        let text = Array(name.lowercased()), glob = Array(pattern.lowercased())
        for start in text.indices where start == 0 || !(text[start - 1].isLetter || text[start - 1].isNumber) {
            if globMatches(text[start...], glob[...]) { return true }
        }
        return false
    }

    /// Whether a serial (already normalized) fits a `serial:` mask: `#` a digit, `@` a letter,
    /// `?` a letter or digit, `*` any run, other characters literally (ignoring case). Spaces,
    /// `-`, `:`, `.` and `/` are ignored in both, so MAC-style serials match either way.
    public static func serialMatches(_ serial: String, mask: String) -> Bool {
        maskMatches(Array(normalizedSerial(serial))[...], Array(normalizedSerial(mask))[...])
    }

    /// Upper case, without spaces, `-`, `:`, `.` and `/`.
    static func normalizedSerial(_ text: String) -> String {
        String(text.uppercased().filter { !" -:./\t".contains($0) })
    }

    static func hasLiterals(_ mask: String) -> Bool {
        normalizedSerial(mask).contains { !"#@?*".contains($0) }
    }

    /// Literal characters count 10, `#`/`@` 2, `?` 1, `*` nothing.
    static func specificity(mask: String) -> Int {
        normalizedSerial(mask).reduce(0) { sum, c in
            switch c {
            case "*": sum
            case "?": sum + 1
            case "#", "@": sum + 2
            default: sum + 10
            }
        }
    }

    /// The GTIN written with 13 digits (GTIN-12 gains a leading 0; a GTIN-14 loses its indicator
    /// digit, which precedes the company prefix); `nil` for GTIN-8 and anything not a GTIN.
    static func gtin13(_ text: String) -> String? {
        let digits = text.filter { $0 != " " }
        guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        switch digits.count {
        case 12: return "0" + digits
        case 13: return digits
        case 14: return String(digits.dropFirst())
        default: return nil
        }
    }

    private static func globMatches(_ text: ArraySlice<Character>, _ glob: ArraySlice<Character>) -> Bool {
        guard let g = glob.first else { return text.isEmpty }
        if g == "*" {
            var rest = text
            while true {
                if globMatches(rest, glob.dropFirst()) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let t = text.first, g == "?" || g == t else { return false }
        return globMatches(text.dropFirst(), glob.dropFirst())
    }

    private static func maskMatches(_ text: ArraySlice<Character>, _ mask: ArraySlice<Character>) -> Bool {
        guard let m = mask.first else { return text.isEmpty }
        if m == "*" {
            var rest = text
            while true {
                if maskMatches(rest, mask.dropFirst()) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let t = text.first else { return false }
        let fits: Bool
        switch m {
        case "#": fits = t.isASCIIDigit
        case "@": fits = t.isASCII && t.isLetter
        case "?": fits = t.isASCIIDigit || (t.isASCII && t.isLetter)
        default: fits = m == t
        }
        return fits && maskMatches(text.dropFirst(), mask.dropFirst())
    }
}
