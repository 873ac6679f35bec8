import TitleholdCore

extension UBLReader {
    /// One `cac:InvoiceLine` / `cac:CreditNoteLine`: what was sold and how the delivered items
    /// can be recognised (GTIN, seller's item number, serial numbers) for retention of title.
    static func line(_ node: XMLElementNode, kind: ImportedDocument.Kind, _ context: ImportContext) throws(ImportError) -> ImportedDocument.Line {
        let cbc = UBL.cbc, cac = UBL.cac
        let id = try context.required(node.child(cbc("ID")), "the line number (cbc:ID)", in: node)
        let quantityName = kind == .invoice ? "InvoicedQuantity" : "CreditedQuantity"
        let quantityNode = node.child(cbc(quantityName))
        let quantity = try context.required(quantityNode, "the quantity (cbc:\(quantityName)) of line \(id)", in: node)
        guard let units = Quantity(quantity) else {
            throw context.error(quantityNode, "the quantity '\(quantity)' of line \(id) is not a number")
        }
        guard let amountNode = node.child(cbc("LineExtensionAmount")) else {
            throw context.error(node, "the line amount (cbc:LineExtensionAmount) of line \(id) is missing")
        }
        let item = node.child(cac("Item"))
        return ImportedDocument.Line(
            id: id, gtin: item.flatMap(gtin),
            sellersItemID: item?.first(cac("SellersItemIdentification"), cbc("ID"))?.value,
            name: item?.child(cbc("Name"))?.value,
            quantity: quantity, wholeUnits: units.wholeUnits,
            lineExtension: try amount(amountNode, "the amount of line \(id) (LineExtensionAmount)", context),
            serials: item?.all(cac("ItemInstance"), cbc("SerialID")).compactMap(\.value) ?? [])
    }

    /// `cac:StandardItemIdentification/cbc:ID` whose `schemeID` is `0160` (the ISO 6523 code for
    /// GS1 GTIN, used by Peppol and NLCIUS) or `GTIN` (OASIS examples), in any letter case. Other
    /// schemes (0088 is a GLN, a location number) are not item numbers and are left out. The value
    /// is kept as written; checking the GS1 check digit is the barcode module's job.
    static func gtin(_ item: XMLElementNode) -> String? {
        item.all(UBL.cac("StandardItemIdentification"), UBL.cbc("ID")).lazy.compactMap { id -> String? in
            let scheme = id.attributes["schemeID"]?.trimmingXMLSpace.uppercased()
            return scheme == "0160" || scheme == "GTIN" ? id.value : nil
        }.first
    }
}

/// A UBL quantity (`xs:decimal`: optional sign, digits, optional fraction).
struct Quantity: Sendable, Equatable {
    /// The quantity as a whole number when its fraction is zero (`2`, `2.00`, `-1`); `nil` for
    /// `2.5`. Negative whole numbers are kept: a line with `-1` returns an item.
    var wholeUnits: Int?

    init?(_ text: String) {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" { negative = true; rest = rest.dropFirst() } else if rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(\.isASCIIDigitCharacter),
              fraction.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        if fraction.allSatisfy({ $0 == "0" }), let value = Int(whole.isEmpty ? "0" : String(whole)) {
            wholeUnits = negative ? -value : value
        } else {
            wholeUnits = nil
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
