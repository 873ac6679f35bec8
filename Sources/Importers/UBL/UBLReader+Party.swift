extension UBLReader {
    /// A `cac:Party` as the ledger needs it to recognise the buyer (art. 3.1: the client named on
    /// the order) and to show the seller. Nothing here is required: EN 16931 lets a party be
    /// identified by any one of these, and the store decides which it matches on.
    static func party(_ node: XMLElementNode) -> ImportedDocument.Party {
        let cbc = UBL.cbc, cac = UBL.cac
        let name = node.first(cac("PartyName"), cbc("Name"))?.value
            ?? node.first(cac("PartyLegalEntity"), cbc("RegistrationName"))?.value
        return ImportedDocument.Party(
            name: name,
            legalID: node.first(cac("PartyLegalEntity"), cbc("CompanyID")).flatMap(identifier),
            partyIDs: node.all(cac("PartyIdentification"), cbc("ID")).compactMap(identifier),
            endpointID: node.child(cbc("EndpointID")).flatMap(identifier),
            vatIDs: vatIDs(node),
            address: node.child(cac("PostalAddress")).flatMap(addressLine))
    }

    /// `cac:PartyTaxScheme/cbc:CompanyID` where the tax scheme is VAT (or not stated). Peppol uses
    /// other tax schemes for non-VAT registrations (BT-32, e.g. Norway's "TAX"), which are no VAT number.
    static func vatIDs(_ party: XMLElementNode) -> [String] {
        party.children(UBL.cac("PartyTaxScheme")).compactMap { scheme in
            let taxScheme = scheme.first(UBL.cac("TaxScheme"), UBL.cbc("ID"))?.value
            guard taxScheme == nil || taxScheme?.uppercased() == "VAT" else { return nil }
            return scheme.child(UBL.cbc("CompanyID"))?.value
        }
    }

    /// An identifier with its `schemeID` (ISO 6523 ICD such as 0106 KvK, 0190 OIN, 0088 GLN), or
    /// `nil` when the element is empty.
    static func identifier(_ node: XMLElementNode) -> ImportedDocument.Identifier? {
        guard let value = node.value else { return nil }
        let scheme = node.attributes["schemeID"]?.trimmingXMLSpace
        return ImportedDocument.Identifier(scheme: scheme?.isEmpty == false ? scheme : nil, value: value)
    }

    /// A UBL address (`cac:PostalAddress`, `cac:Address`) as one line for people:
    /// `Street 1, Additional, line…, 1234 AB City, Region, NL`; `nil` when it holds nothing.
    static func addressLine(_ address: XMLElementNode) -> String? {
        let cbc = UBL.cbc
        func text(_ local: String) -> String? { address.child(cbc(local))?.value }
        var parts: [String] = []
        let street = [text("StreetName"), text("BuildingNumber")].compactMap { $0 }.joined(separator: " ")
        if !street.isEmpty { parts.append(street) }
        if let additional = text("AdditionalStreetName") { parts.append(additional) }
        parts += address.all(UBL.cac("AddressLine"), cbc("Line")).compactMap(\.value)
        let place = [text("PostalZone"), text("CityName")].compactMap { $0 }.joined(separator: " ")
        if !place.isEmpty { parts.append(place) }
        if let region = text("CountrySubentity") { parts.append(region) }
        if let country = address.first(UBL.cac("Country"), cbc("IdentificationCode"))?.value { parts.append(country) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
