import TitleholdCore

/// What both readers need to turn element text into values, and to say precisely what was wrong
/// and where when they cannot (every `ImportError` names the file, the line and the element path).
struct ImportContext: Sendable {
    var file: String

    func error(_ node: XMLElementNode?, _ message: String) -> ImportError {
        ImportError(file: file, location: node?.location, message: message)
    }

    /// The text of a required element; refuses a missing or empty one, naming what it is for.
    func required(_ node: XMLElementNode?, _ what: String, in parent: XMLElementNode) throws(ImportError) -> String {
        guard let node else { throw error(parent, "\(what) is missing") }
        guard let value = node.value else { throw error(node, "\(what) is empty") }
        return value
    }

    /// A calendar date written `YYYY-MM-DD` (XML Schema `xs:date` as UBL and ISO 20022 use it).
    /// `xs:date` may carry a time zone (`2017-04-01+02:00`, `2017-04-01Z`: ISO 20022 `ISODate`, as
    /// a Swiss Raiffeisen camt.053 export writes `BookgDt/Dt`); a date-time
    /// (`2014-12-31T13:15:00+01:00`) gives its date part. Either way the date is taken as written,
    /// without moving it to another time zone: the bank's booking day is the day it states.
    func day(_ node: XMLElementNode, _ what: String) throws(ImportError) -> Day {
        guard let text = node.value else { throw error(node, "\(what) is empty") }
        let rest = text.dropFirst(10)
        let datePart = rest.first == "T" || Self.isTimeZone(rest) ? String(text.prefix(10)) : text
        guard let day = Day(iso: datePart) else {
            let shapeIsRight = datePart.count == 10 && datePart.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCIIDigitCharacter
            }
            throw error(node, shapeIsRight ? "\(what) '\(text)' is not a day of the calendar"
                                           : "\(what) '\(text)' is not a date written YYYY-MM-DD")
        }
        return day
    }

    /// An `xs:date` time zone: `Z`, or `+hh:mm` / `-hh:mm` (hours 00-14, minutes 00-59).
    static func isTimeZone(_ text: Substring) -> Bool {
        if text == "Z" { return true }
        let characters = Array(text)
        guard characters.count == 6, characters[0] == "+" || characters[0] == "-", characters[3] == ":",
              [1, 2, 4, 5].allSatisfy({ characters[$0].isASCIIDigitCharacter }),
              let hours = Int(String(characters[1...2])), let minutes = Int(String(characters[4...5])) else { return false }
        return hours <= 14 && minutes <= 59
    }

    /// An amount in cents; refuses anything that is not digits with an optional sign and at most
    /// two decimals (`1.234,50`, `12.5.0`, `1e3`, `12.345` are refused, never guessed at).
    func cents(_ node: XMLElementNode, _ what: String) throws(ImportError) -> Cents {
        guard let text = node.value else { throw error(node, "\(what) is empty") }
        guard let cents = Cents(decimal: text) else {
            throw error(node, "\(what) '\(text)' is not an amount (expected digits with a point and at most two decimals, like 1234.50)")
        }
        return cents
    }

    /// Refuses a currency other than the euro: prices are in euro (art. 13.1 of the terms), and an
    /// amount in another currency cannot be booked against euro invoices.
    func requireEuro(_ currency: String, at node: XMLElementNode, _ what: String) throws(ImportError) {
        guard currency.uppercased() != "EUR" else { return }
        throw error(node, "\(what) is in \(currency), not EUR; prices are in euro (art. 13.1 of the terms), so only euro documents can be imported")
    }
}
