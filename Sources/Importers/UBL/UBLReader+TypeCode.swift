extension UBLReader {
    /// The UNTDID 1001 document codes that EN 16931 lets a document name as a credit note
    /// (BT-3): 381 credit note, 396 factored credit note, 81 credit note related to goods or
    /// services, 83 credit note related to financial adjustments, 532 forwarder's credit note,
    /// and the self-billed, corrective and partial forms 261, 262, 296, 308, 420 and 458.
    static let creditNoteTypeCodes: Set<String> = ["81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"]

    /// `cbc:InvoiceTypeCode` of an `Invoice` must not be a credit note code. Peppol BIS 3
    /// (PEPPOL-EN16931-P0100) and NLCIUS (BR-NL-7) forbid it, and XRechnung, which allows 381 in
    /// the Invoice syntax, means a credit by it: either way the amount is owed to the buyer, and
    /// reading it as an invoice would book a credit as a claim. Refused whatever the amount (a credit
    /// is a CreditNote, or an Invoice whose amount due is negative: see `booking`).
    static func checkInvoiceTypeCode(_ root: XMLElementNode, kind: ImportedDocument.Kind, _ context: ImportContext) throws(ImportError) {
        guard kind == .invoice, let node = root.child(UBL.cbc("InvoiceTypeCode")), let code = node.value,
              creditNoteTypeCodes.contains(code) else { return }
        throw context.error(node, "the Invoice has type code \(code) (cbc:InvoiceTypeCode), which names a credit note (UNTDID 1001); "
            + "a credit must be sent as a UBL CreditNote, so the amount is not booked as a claim on the buyer")
    }
}
