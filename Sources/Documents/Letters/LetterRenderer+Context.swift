import TitleholdCore

/// The Mustache contexts of the letters: dictionaries of preformatted Dutch strings and flags.
/// Every key a template uses is set here; a missing optional value is an absent key guarded by a
/// `has…` flag, so a template never prints an empty label.
extension LetterRenderer {
    static func supplierContext(_ supplier: SupplierProfile) -> [String: Any] {
        var context: [String: Any] = [
            "name": supplier.name, "address": supplier.address, "postcode": supplier.postcode, "city": supplier.city,
            "kvkNumber": supplier.kvkNumber, "iban": supplier.ibanGrouped, "email": supplier.email,
            "signatory": supplier.signatory,
        ]
        func optional(_ key: String, _ flag: String, _ value: String?) {
            context[flag] = value != nil
            if let value { context[key] = value }
        }
        optional("vatNumber", "hasVatNumber", supplier.vatNumber)
        optional("bic", "hasBic", supplier.bic)
        optional("phone", "hasPhone", supplier.phone)
        optional("website", "hasWebsite", supplier.website)
        optional("signatoryRole", "hasSignatoryRole", supplier.signatoryRole)
        return context
    }

    static func clientContext(_ client: LetterClient) -> [String: Any] {
        var context: [String: Any] = ["name": client.name, "addressLines": client.addressLines]
        func optional(_ key: String, _ flag: String, _ value: String?) {
            let present = value.map { !$0.isEmpty } ?? false
            context[flag] = present
            if present, let value { context[key] = value }
        }
        optional("contactName", "hasContactName", client.contactName)
        optional("debtorNumber", "hasDebtorNumber", client.debtorNumber)
        optional("kvkNumber", "hasKvkNumber", client.kvkNumber)
        return context
    }

    /// The subject line of each step, as the terms name the steps (art. 13.4).
    static func subject(_ step: LetterStep) -> String {
        switch step {
        case .reminder1: return "Betalingsherinnering"
        case .reminder2: return "Tweede herinnering"
        case .noticeOfDefault: return "Ingebrekestelling"
        }
    }

    static func dunningContext(_ letter: DunningLetterModel, supplier: SupplierProfile) -> [String: Any] {
        let invoices: [[String: Any]] = letter.invoices.map { invoice in
            [
                "number": invoice.number,
                "issueDate": DutchFormat.date(invoice.issueDate),
                "dueDate": DutchFormat.date(invoice.dueDate),
                "open": DutchFormat.money(invoice.openCents),
                "interest": DutchFormat.money(invoice.interestCents),
                "total": DutchFormat.money(invoice.openCents + invoice.interestCents),
                "reference": reference(invoice),
            ]
        }
        let references = letter.invoices.map(reference)
        let single = letter.invoices.count == 1
        var context: [String: Any] = [
            "supplier": supplierContext(supplier),
            "client": clientContext(letter.client),
            "subject": subject(letter.step),
            "place": supplier.city,
            "date": DutchFormat.date(letter.sentOn),
            "invoices": invoices,
            "isSingleInvoice": single,
            "invoiceCount": String(letter.invoices.count),
            "theInvoices": single ? "de onderstaande factuur" : "de onderstaande facturen",
            "invoiceWord": single ? "factuur" : "facturen",
            "references": (references.count == 1 ? "betalingskenmerk " : "betalingskenmerken ") + DutchFormat.list(references),
            "totalOpen": DutchFormat.money(letter.totalOpen),
            "totalInterest": DutchFormat.money(letter.totalInterest),
            "totalDue": DutchFormat.money(letter.totalDue),
            "hasCosts": letter.costsCents > .zero,
            "costs": DutchFormat.money(letter.costsCents),
            "totalWithCosts": DutchFormat.money(letter.totalDue + letter.costsCents),
            "termDays": String(letter.termDays),
            "termDaysText": DutchFormat.days(letter.termDays),
            "termEnds": DutchFormat.date(letter.termEndsOn),
            "termEndsWithWeekday": DutchFormat.dateWithWeekday(letter.termEndsOn),
            "isConsumer": letter.isConsumer,
            "isBusiness": !letter.isConsumer,
            // Art. 6:119 BW (statutory interest) for consumers, 6:119a BW (commercial) between businesses.
            "interestName": letter.isConsumer ? "wettelijke rente" : "wettelijke handelsrente",
            "interestArticle": letter.isConsumer ? "6:119 BW" : "6:119a BW",
            "isFourteenDayLetter": letter.isFourteenDayLetter,
            "hasPreviousLetter": letter.previousLetterSentOn != nil,
        ]
        if let previous = letter.previousLetterSentOn { context["previousLetterDate"] = DutchFormat.date(previous) }
        return context
    }

    static func pickupContext(_ notice: PickupNoticeModel, supplier: SupplierProfile) -> [String: Any] {
        let single = notice.items.count == 1
        return [
            "supplier": supplierContext(supplier),
            "client": clientContext(notice.client),
            "subject": "Aankondiging terugname goederen onder eigendomsvoorbehoud",
            "place": supplier.city,
            "date": DutchFormat.date(notice.noticeDate),
            "items": notice.items.map { ["serial": $0.serial, "description": $0.description] },
            "itemCount": String(notice.items.count),
            "theItems": single ? "het hieronder genoemde goed" : "de hieronder genoemde goederen",
            "earliestPickup": DutchFormat.dateWithWeekday(notice.earliestPickupOn),
            "clauses": notice.clauses.map { ["article": $0.article, "text": $0.text] },
            "hasClauses": !notice.clauses.isEmpty,
            "siteLines": notice.siteLines,
            "hasSite": !notice.siteLines.isEmpty,
        ]
    }

    private static func reference(_ invoice: DunningLetterModel.Invoice) -> String {
        guard let reference = invoice.paymentReference, !reference.isEmpty else { return invoice.number }
        return reference
    }
}
