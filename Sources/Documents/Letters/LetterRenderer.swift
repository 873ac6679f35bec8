import Foundation
import TitleholdCore

/// Renders the letters of the dunning timeline (art. 13.4) and the pickup notice (art. 10.3) from the
/// Mustache templates in `Resources/templates/letters/`, as printable HTML and as plain text.
///
/// The templates hold the wording (data a person edits); this type only turns the model into
/// preformatted Dutch strings (dates, euro amounts, totals, the plural of "factuur") so the templates
/// carry no logic beyond showing or hiding a passage.
public struct LetterRenderer: Sendable {
    public let templates: TemplateLibrary
    public let supplier: SupplierProfile

    public init(templates: TemplateLibrary, supplier: SupplierProfile) {
        self.templates = templates
        self.supplier = supplier
    }

    /// Renders a reminder or notice of default covering all the client's overdue invoices
    /// (art. 6:96(7) BW: one letter per debtor).
    public func render(_ letter: DunningLetterModel) throws(DocumentError) -> RenderedLetter {
        guard !letter.invoices.isEmpty else {
            throw DocumentError("the \(letter.step.fileTag) to \(letter.client.name) of \(letter.sentOn) names no invoice; a dunning letter demands at least one")
        }
        guard letter.termDays > 0, letter.termEndsOn > letter.sentOn else {
            throw DocumentError("the \(letter.step.fileTag) to \(letter.client.name) of \(letter.sentOn) gives no term (\(letter.termDays) days ending \(letter.termEndsOn)); art. 6:82 BW requires a reasonable term")
        }
        let context = Self.dunningContext(letter, supplier: supplier)
        let name = "letters/\(letter.step.rawValue)"
        return RenderedLetter(
            html: try templates.render(context, template: name + ".html"),
            text: try templates.render(context, template: name + ".txt"),
            suggestedFileName: Self.fileName(on: letter.sentOn, tag: letter.step.fileTag, client: letter.client))
    }

    /// Renders the announcement that the supplier will take back the listed goods (art. 10.3).
    public func render(_ notice: PickupNoticeModel) throws(DocumentError) -> RenderedLetter {
        guard !notice.items.isEmpty else {
            throw DocumentError("the pickup notice to \(notice.client.name) of \(notice.noticeDate) lists no item to take back")
        }
        guard notice.earliestPickupOn > notice.noticeDate else {
            throw DocumentError("the pickup notice to \(notice.client.name) of \(notice.noticeDate) plans the pickup on \(notice.earliestPickupOn), not after the notice")
        }
        let context = Self.pickupContext(notice, supplier: supplier)
        return RenderedLetter(
            html: try templates.render(context, template: "letters/pickup_notice.html"),
            text: try templates.render(context, template: "letters/pickup_notice.txt"),
            suggestedFileName: Self.fileName(on: notice.noticeDate, tag: "pickup-notice", client: notice.client))
    }

    /// `<YYYY-MM-DD>-<tag>-<client slug>`: the client's name folded to lower-case ASCII letters and
    /// digits joined by `-`, followed by the debtor number when known (two clients may share a name).
    static func fileName(on day: Day, tag: String, client: LetterClient) -> String {
        var slug = Self.slug(client.name, maxLength: 40)
        if let debtor = client.debtorNumber.map({ Self.slug($0, maxLength: 20) }), !debtor.isEmpty {
            slug = slug.isEmpty ? debtor : slug + "-" + debtor
        }
        return "\(day)-\(tag)-\(slug.isEmpty ? "client" : slug)"
    }

    static func slug(_ text: String, maxLength: Int) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                pendingDash = true
            }
            if result.count >= maxLength { break }
        }
        return result
    }
}
