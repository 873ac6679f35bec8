import Foundation
import TitleholdCore

/// Reads one UBL 2.1 `Invoice` or `CreditNote` (Peppol BIS Billing 3.0, Dutch SI-UBL 2.0 / NLCIUS,
/// or plain OASIS UBL 2.1) into an `ImportedDocument`.
///
/// Import is all-or-nothing: the first problem found is thrown as an `ImportError` naming the file,
/// the line and element, and what to do; nothing is half-read.
///
/// Decisions, so the ledger only ever receives amounts it can book:
/// - Currency: only EUR (art. 13.1 of the terms: prices in euro). The currency is
///   `cbc:DocumentCurrencyCode`, else (plain OASIS UBL may leave it out) the `currencyID` of
///   `cbc:PayableAmount`; every amount read must also carry EUR (or no `currencyID`).
/// - An `Invoice` whose `cac:LegalMonetaryTotal/cbc:PayableAmount` (BT-115) is negative is a
///   credit: EN 16931 allows it, to correct an earlier invoice (Peppol BIS 3
///   `base-negative-inv-correction.xml`, SI-UBL 2.0 `ok_negative`) or when more was prepaid than
///   is owed (`cbc:PrepaidAmount`, XRechnung 03.01a). It is read as the `CreditNote` it means
///   (`kind` `.creditNote`, `payable` the positive amount credited), so the ledger books it as it
///   books a credit note: it reduces the buyer's invoice named in
///   `cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID` when that is one of the buyer's,
///   and is otherwise a credit of the buyer. It never becomes a claim, and its lines never bill
///   goods (only invoices do), whatever they name. It keeps its own `cbc:ID` as its number; its
///   lines and type code are kept as written. A `CreditNote` with a negative amount is refused:
///   that would be a claim on the buyer, an invoice's job.
/// - An `Invoice` whose `cbc:InvoiceTypeCode` is a credit note code (381...) is refused, whatever
///   its amount: Peppol and NLCIUS forbid it, and a positive one would be booked as a claim.
/// - Line amounts (`cbc:LineExtensionAmount`) may be negative: discount and return lines are
///   legitimate (the OASIS and SI-UBL examples have them), and the total is what is owed.
/// - Any amount that is read and is not a plain decimal with at most two decimals is refused
///   (EN 16931 BR-DEC rules allow at most two). Amounts that are not read (tax subtotals, price
///   allowances, which may have more decimals in the OASIS examples) are not checked.
public enum UBLReader {
    /// Reads `data` (the bytes of the file called `fileName`, used in messages).
    public static func read(_ data: Data, fileName: String) throws(ImportError) -> ImportedDocument {
        let context = ImportContext(file: fileName)
        let root = try XMLDocumentLoader.load(data, file: fileName)
        let kind = try documentKind(of: root, context)
        return try readDocument(root, kind: kind, context)
    }

    /// Which document the root element is; anything else (a DespatchAdvice, an Order, CII, a
    /// camt.053) is refused naming what was found.
    static func documentKind(of root: XMLElementNode, _ context: ImportContext) throws(ImportError) -> ImportedDocument.Kind {
        if root.name == "Invoice", root.namespace == UBL.invoiceNamespace { return .invoice }
        if root.name == "CreditNote", root.namespace == UBL.creditNoteNamespace { return .creditNote }
        let namespace = root.namespace.isEmpty ? "no namespace" : "namespace \(root.namespace)"
        throw context.error(root, "the root element is <\(root.qualifiedName)> (\(namespace)); expected a UBL 2.1 Invoice "
            + "(\(UBL.invoiceNamespace)) or CreditNote (\(UBL.creditNoteNamespace))")
    }

    static func readDocument(_ root: XMLElementNode, kind: ImportedDocument.Kind, _ context: ImportContext) throws(ImportError) -> ImportedDocument {
        let cbc = UBL.cbc, cac = UBL.cac
        let number = try context.required(root.child(cbc("ID")), "the document number (cbc:ID)", in: root)
        try checkInvoiceTypeCode(root, kind: kind, context)
        guard let issueDateNode = root.child(cbc("IssueDate")) else {
            throw context.error(root, "the issue date (cbc:IssueDate) is missing")
        }
        let issueDate = try context.day(issueDateNode, "the issue date (cbc:IssueDate)")

        guard let total = root.child(cac("LegalMonetaryTotal")), let payableNode = total.child(cbc("PayableAmount")) else {
            throw context.error(root, "the amount due (cac:LegalMonetaryTotal/cbc:PayableAmount) is missing")
        }
        let currency = try documentCurrency(root, payable: payableNode, context)
        let payable = try amount(payableNode, "the amount due (PayableAmount)", context)
        let booked = try booking(of: kind, payable: payable, at: payableNode, context)

        let lineName = kind == .invoice ? cac("InvoiceLine") : cac("CreditNoteLine")
        let lineNodes = root.children(lineName)
        if lineNodes.isEmpty {
            throw context.error(root, "the document has no \(lineName.local) elements; an invoice or credit note needs at least one line")
        }
        var lines: [ImportedDocument.Line] = []
        for node in lineNodes { lines.append(try line(node, kind: kind, context)) }

        guard let sellerNode = root.first(cac("AccountingSupplierParty"), cac("Party")) else {
            throw context.error(root, "the seller (cac:AccountingSupplierParty/cac:Party) is missing")
        }
        guard let buyerNode = root.first(cac("AccountingCustomerParty"), cac("Party")) else {
            throw context.error(root, "the buyer (cac:AccountingCustomerParty/cac:Party) is missing")
        }

        var document = ImportedDocument(
            kind: booked.kind, number: number, issueDate: issueDate, dueDate: try dueDate(root, context), currency: currency,
            payable: booked.amount, paymentID: root.all(cac("PaymentMeans"), cbc("PaymentID")).lazy.compactMap(\.value).first,
            orderReference: root.first(cac("OrderReference"), cbc("ID"))?.value,
            contractReference: root.first(cac("ContractDocumentReference"), cbc("ID"))?.value,
            billingReferences: root.all(cac("BillingReference"), cac("InvoiceDocumentReference"), cbc("ID")).compactMap(\.value),
            seller: party(sellerNode), buyer: party(buyerNode),
            deliveryAddress: root.first(cac("Delivery"), cac("DeliveryLocation"), cac("Address")).flatMap(addressLine),
            lines: lines)
        document.typeCode = root.child(cbc(kind == .invoice ? "InvoiceTypeCode" : "CreditNoteTypeCode"))?.value
        if let delivered = root.first(cac("Delivery"), cbc("ActualDeliveryDate")) {
            document.deliveryDate = try context.day(delivered, "the delivery date (cbc:ActualDeliveryDate)")
        }
        return document
    }

    /// `cbc:DueDate`, else the first `cac:PaymentMeans/cbc:PaymentDueDate` (the OASIS UBL 2.1
    /// example puts it there), else `cac:PaymentTerms/cbc:PaymentDueDate`; `nil` when none is given
    /// (the rules then apply the 30 days of art. 6:119a BW). A date that is present must be valid.
    static func dueDate(_ root: XMLElementNode, _ context: ImportContext) throws(ImportError) -> Day? {
        let cbc = UBL.cbc, cac = UBL.cac
        let candidates = [root.child(cbc("DueDate")),
                          root.all(cac("PaymentMeans"), cbc("PaymentDueDate")).first,
                          root.all(cac("PaymentTerms"), cbc("PaymentDueDate")).first]
        guard let node = candidates.lazy.compactMap({ $0 }).first else { return nil }
        return try context.day(node, "the due date (\(node.qualifiedName))")
    }

    /// The document currency, refused unless it is EUR (art. 13.1).
    static func documentCurrency(_ root: XMLElementNode, payable: XMLElementNode, _ context: ImportContext) throws(ImportError) -> String {
        if let node = root.child(UBL.cbc("DocumentCurrencyCode")), let code = node.value {
            try context.requireEuro(code, at: node, "the document")
            return "EUR"
        }
        guard let code = payable.attributes["currencyID"]?.trimmingXMLSpace, !code.isEmpty else {
            throw context.error(payable, "the document states no currency (no cbc:DocumentCurrencyCode and no currencyID on PayableAmount)")
        }
        try context.requireEuro(code, at: payable, "the amount due (PayableAmount)")
        return "EUR"
    }

    /// An amount element: a plain decimal, in EUR when it names a currency.
    static func amount(_ node: XMLElementNode, _ what: String, _ context: ImportContext) throws(ImportError) -> Cents {
        if let code = node.attributes["currencyID"]?.trimmingXMLSpace, !code.isEmpty {
            try context.requireEuro(code, at: node, what)
        }
        return try context.cents(node, what)
    }
}
