import Documents
import TitleholdCore

/// How the pages write money and dates: Dutch money in the Dutch page (`€ 1.234,50`), the
/// house style in the English one (`EUR 1,234.50`); dates as YYYY-MM-DD in both, unambiguous at
/// any desk.
enum PageFormat {
    static func money(_ cents: Int64, _ language: PageLanguage) -> String {
        language == .nl ? DutchFormat.money(cents) : Cents(cents).description
    }

    static func money(_ amount: Cents, _ language: PageLanguage) -> String { money(amount.value, language) }

    /// A client as a person knows it: its name with the key, or the key alone.
    static func client(key: String, name: String?) -> String {
        guard let name, !name.isEmpty else { return key }
        return "\(name) (\(key))"
    }
}
