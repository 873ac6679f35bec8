import Foundation
import Importers
import Testing
import TitleholdCore

/// An `Invoice` whose amount due is negative, and what the reader must make of it.
struct NegativeInvoiceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var data: @Sendable () throws -> Data
    var kind: ImportedDocument.Kind = .creditNote
    var number: String
    var payable: Int64
    var billingReferences: [String] = []
    var typeCode: String? = "380"
    /// The line amounts, as written in the file.
    var lineAmounts: [Int64]
    var testDescription: String { name }
}

/// Spec-valid real files correct an invoice with a negative Invoice instead of a CreditNote:
/// Peppol BIS 3 `base-negative-inv-correction.xml` (github OpenPEPPOL/peppol-bis-invoice-3,
/// rules/examples), SI-UBL 2.0 `SI-UBL-2.0_ok_negative.xml` and `BR-NL-11_ok_negative_payment.xml`
/// (github phax/phive-rules), XRechnung test case 03.01a (more prepaid than owed). Each case is
/// one of the shared fixtures changed into that form.
@Suite("an Invoice whose amount due is negative is read as a credit")
struct UBLReaderNegativeInvoiceTests {
    static let peppol = "einvoice/peppol-bis3_base-example.xml"

    static let cases: [NegativeInvoiceCase] = [
        // The Peppol correction: its own number, the corrected invoice in BillingReference,
        // every amount of the original negated.
        NegativeInvoiceCase(name: "Peppol BIS 3 negative invoice correcting Snippet1", data: {
            try Fixtures.edited(peppol, [
                ("<cbc:ID>Snippet1</cbc:ID>", "<cbc:ID>Correction1</cbc:ID>"),
                ("<cbc:BuyerReference>0150abc</cbc:BuyerReference>", """
                    <cbc:BuyerReference>0150abc</cbc:BuyerReference>
                    <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>Snippet1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>
                    """),
                (#"<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="EUR">-1656.25</cbc:PayableAmount>"#),
                (#"<cbc:LineExtensionAmount currencyID= "EUR">2800</cbc:LineExtensionAmount>"#,
                 #"<cbc:LineExtensionAmount currencyID= "EUR">-2800</cbc:LineExtensionAmount>"#),
                (#"<cbc:LineExtensionAmount currencyID="EUR">-1500</cbc:LineExtensionAmount>"#,
                 #"<cbc:LineExtensionAmount currencyID="EUR">1500</cbc:LineExtensionAmount>"#),
            ])
        }, number: "Correction1", payable: 165625, billingReferences: ["Snippet1"], lineAmounts: [-280000, 150000]),
        // SI-UBL 2.0 ok_negative: no BillingReference, so a credit of the buyer.
        NegativeInvoiceCase(name: "SI-UBL 2.0 negative invoice without a reference", data: {
            try Fixtures.edited("einvoice/si-ubl-2.0_ok_base.xml", [
                (#"<cbc:PayableAmount currencyID="EUR">227.00</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="EUR">-227.00</cbc:PayableAmount>"#),
            ])
        }, number: "12115118", payable: 22700, lineAmounts: [20000, 10000, -10000]),
        // XRechnung 03.01a: positive lines, more prepaid than owed. The lines carry GTINs, as a
        // goods invoice's would; the document is still a credit.
        NegativeInvoiceCase(name: "more prepaid than owed, lines with GTINs", data: {
            try Fixtures.edited("einvoice/oasis-ubl21_UBL-Invoice-2.1-Example.xml", [
                (#"<cbc:PrepaidAmount currencyID="EUR">1000</cbc:PrepaidAmount>"#, #"<cbc:PrepaidAmount currencyID="EUR">2000</cbc:PrepaidAmount>"#),
                (#"<cbc:PayableAmount currencyID="EUR">729</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="EUR">-271</cbc:PayableAmount>"#),
            ])
        }, number: "TOSL108", payable: 27100, lineAmounts: [127300, -396, 496, -2500, 18750]),
        // A corrected invoice (UNTDID 1001 384) with a negative amount is a credit as well.
        NegativeInvoiceCase(name: "corrected invoice (384) with a negative amount", data: {
            try Fixtures.edited(peppol, [
                ("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>384</cbc:InvoiceTypeCode>"),
                (#"<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="EUR">-0.01</cbc:PayableAmount>"#),
            ])
        }, number: "Snippet1", payable: 1, typeCode: "384", lineAmounts: [280000, -150000]),
        // Zero is owed by nobody: still an invoice (of EUR 0), as before.
        NegativeInvoiceCase(name: "an amount due of zero stays an invoice", data: {
            try Fixtures.edited(peppol, [
                (#"<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="EUR">-0.00</cbc:PayableAmount>"#),
            ])
        }, kind: .invoice, number: "Snippet1", payable: 0, lineAmounts: [280000, -150000]),
    ]

    @Test("kind, number, amount credited, reference, lines as written", arguments: cases)
    func readsAsCredit(_ expected: NegativeInvoiceCase) throws {
        let document = try UBLReader.read(try expected.data(), fileName: "negative.xml")
        #expect(document.kind == expected.kind)
        #expect(document.number == expected.number)
        #expect(document.payable == Cents(expected.payable))
        #expect(document.billingReferences == expected.billingReferences)
        #expect(document.typeCode == expected.typeCode)
        #expect(document.currency == "EUR")
        #expect(document.lines.map(\.lineExtension) == expected.lineAmounts.map { Cents($0) })
    }

    /// The Peppol correction and the Peppol credit note for the same correction
    /// (`base-creditnote-correction.xml`) mean the same: the reader must say so.
    @Test("the Peppol negative invoice reads as the Peppol credit note of the same correction")
    func sameAsTheCreditNote() throws {
        let negative = try UBLReader.read(try Self.cases[0].data(), fileName: "negative.xml")
        let note = try UBLReader.read(try Fixtures.data("einvoice/peppol-bis3_base-creditnote-correction.xml"), fileName: "note.xml")
        #expect(negative.kind == note.kind)
        #expect(negative.payable == note.payable)
        #expect(negative.billingReferences == note.billingReferences)
        #expect(negative.buyer == note.buyer)
    }
}
