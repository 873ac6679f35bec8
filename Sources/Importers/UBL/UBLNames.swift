/// The UBL 2.1 namespaces (OASIS UBL 2.1, section 3.2 "Namespace URIs"). Elements are matched on
/// these URIs, whatever prefix a file binds to them.
enum UBL {
    static let invoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    static let creditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
    static let aggregateNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    static let basicNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

    /// A `cac:` (aggregate) element.
    static func cac(_ local: String) -> XMLName { XMLName(aggregateNamespace, local) }
    /// A `cbc:` (basic) element.
    static func cbc(_ local: String) -> XMLName { XMLName(basicNamespace, local) }
}
