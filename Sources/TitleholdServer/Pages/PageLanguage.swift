/// The language of a page (issue 6, The pages: "in Dutch and English"). Chosen by `?lang=nl|en`,
/// then by the `titlehold_lang` cookie a previous `?lang=` set, then by the browser's
/// `Accept-Language` (RFC 9110 §12.5.4, quality values honoured), else Dutch.
enum PageLanguage: String, Sendable, CaseIterable {
    case nl, en

    static let cookie = "titlehold_lang"

    static func resolve(query: String?, cookie: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let chosen = PageLanguage(rawValue: query.lowercased()) { return chosen }
        if let cookie, let chosen = PageLanguage(rawValue: cookie.lowercased()) { return chosen }
        if let acceptLanguage, let chosen = fromAcceptLanguage(acceptLanguage) { return chosen }
        return .nl
    }

    /// The supported language the browser prefers most (`en-GB;q=0.8, nl;q=0.9` -> nl); ties go to
    /// the one listed first; `q=0` means "not this one".
    static func fromAcceptLanguage(_ header: String) -> PageLanguage? {
        var best: (language: PageLanguage, q: Double)?
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first, !tag.isEmpty else { continue }
            let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
            guard let language = PageLanguage(rawValue: primary) else { continue }
            var q = 1.0
            for field in fields.dropFirst() where field.lowercased().hasPrefix("q=") {
                q = Double(field.dropFirst(2)) ?? 0
            }
            guard q > 0 else { continue }
            if q > (best?.q ?? 0) { best = (language, q) }
        }
        return best?.language
    }

    /// The page's labels in this language.
    var labels: [String: String] { PageLabels.table(self) }

    /// One label; the key itself when missing (a test checks none is).
    func label(_ key: String) -> String { PageLabels.table(self)[key] ?? key }
}
