import TitleholdCore

extension UBLReader {
    /// What the ledger books for a document, from its root element and its amount due
    /// (`cac:LegalMonetaryTotal/cbc:PayableAmount`, EN 16931 BT-115):
    /// - an `Invoice` of zero or more is a claim on the buyer of that amount;
    /// - an `Invoice` whose amount due is negative is a credit of the opposite amount, booked as a
    ///   `CreditNote` of that positive amount would be. EN 16931 allows it (BR-CO-16 only asks the
    ///   total to add up), Peppol BIS 3 shows it as the way to correct an invoice
    ///   (`base-negative-inv-correction.xml`), and NLCIUS accepts it (SI-UBL 2.0 `ok_negative`,
    ///   `BR-NL-11_ok_negative_payment`), as does XRechnung when more was prepaid than is owed
    ///   (`cbc:PrepaidAmount`, test case 03.01a);
    /// - a `CreditNote` whose amount is negative is refused: it would be a claim on the buyer,
    ///   which the supplier must send as an Invoice.
    static func booking(of kind: ImportedDocument.Kind, payable: Cents, at node: XMLElementNode,
                        _ context: ImportContext) throws(ImportError) -> (kind: ImportedDocument.Kind, amount: Cents) {
        guard payable.value < 0 else { return (kind, payable) }
        guard kind == .invoice else {
            throw context.error(node, "the amount credited (PayableAmount) of the CreditNote is negative (\(payable.decimalString)); "
                + "a negative credit note would be a claim on the buyer, which must be sent as an Invoice with a positive amount")
        }
        return (.creditNote, -payable)
    }
}
