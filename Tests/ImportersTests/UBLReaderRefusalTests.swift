import Foundation
import Importers
import Testing

@Suite("UBL reader refuses what it cannot book")
struct UBLReaderRefusalTests {
    static let base = "einvoice/peppol-bis3_base-example.xml"
    static let payable = "<cbc:PayableAmount currencyID=\"EUR\">1656.25</cbc:PayableAmount>"

    static let cases: [RefusalCase] = [
        RefusalCase(name: "DespatchAdvice (Example) is no invoice", data: { try Fixtures.data("einvoice/peppol-bis3_DespatchAdvice_Example.xml") },
                    messageContains: ["<DespatchAdvice>", "urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2", "Invoice", "CreditNote"],
                    locationPrefix: "line 13, DespatchAdvice"),
        RefusalCase(name: "DespatchAdvice (use case 5) is no invoice", data: { try Fixtures.data("einvoice/peppol-bis3_DespatchAdvice-UseCase5.xml") },
                    messageContains: ["DespatchAdvice", "expected a UBL 2.1 Invoice"]),
        RefusalCase(name: "a camt.053 statement is no invoice", data: { try Fixtures.data("bank/oca_test-camt053.xml") },
                    messageContains: ["<Document>", "camt.053.001.02"], locationPrefix: "line 1"),
        RefusalCase(name: "Invoice element without the UBL namespace", data: { Data("<Invoice><ID>1</ID></Invoice>".utf8) },
                    messageContains: ["<Invoice>", "no namespace"]),
        RefusalCase(name: "Norwegian example in NOK", data: { try Fixtures.data("einvoice/peppol-bis3_NO_Norwegian-example-1.xml") },
                    messageContains: ["NOK", "EUR", "13.1"]),
        RefusalCase(name: "VAT category Z example in GBP", data: { try Fixtures.data("einvoice/peppol-bis3_vat-category-Z.xml") },
                    messageContains: ["GBP", "EUR"]),
        RefusalCase(name: "EUR document with a USD payable amount",
                    data: { try Fixtures.edited(base, replacing: payable, with: "<cbc:PayableAmount currencyID=\"USD\">1656.25</cbc:PayableAmount>") },
                    messageContains: ["PayableAmount", "USD"]),
        RefusalCase(name: "non-numeric payable amount",
                    data: { try Fixtures.edited(base, replacing: payable, with: "<cbc:PayableAmount currencyID=\"EUR\">1.656,25</cbc:PayableAmount>") },
                    messageContains: ["PayableAmount", "'1.656,25'", "not an amount"], locationPrefix: "line "),
        RefusalCase(name: "payable amount with three decimals",
                    data: { try Fixtures.edited(base, replacing: payable, with: "<cbc:PayableAmount currencyID=\"EUR\">1656.255</cbc:PayableAmount>") },
                    messageContains: ["not an amount"]),
        // A negative Invoice is a credit (UBLReaderNegativeInvoiceTests); a negative CreditNote
        // would be a claim, which only an Invoice may make.
        RefusalCase(name: "CreditNote with a negative amount",
                    data: { try Fixtures.edited("einvoice/peppol-bis3_base-creditnote-correction.xml", replacing: payable,
                                                with: "<cbc:PayableAmount currencyID=\"EUR\">-1656.25</cbc:PayableAmount>") },
                    messageContains: ["negative", "-1656.25", "CreditNote", "claim on the buyer", "Invoice"], locationPrefix: "line 149"),
        RefusalCase(name: "negative Invoice (a credit) with a USD amount due",
                    data: { try Fixtures.edited(base, replacing: payable, with: "<cbc:PayableAmount currencyID=\"USD\">-1656.25</cbc:PayableAmount>") },
                    messageContains: ["PayableAmount", "USD", "EUR"]),
        RefusalCase(name: "negative Invoice in NOK (the Norwegian example made a credit)",
                    data: { try Fixtures.edited("einvoice/peppol-bis3_NO_Norwegian-example-1.xml", [
                        (#"<cbc:PayableAmount currencyID="NOK">802.00</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="NOK">-802.00</cbc:PayableAmount>"#),
                    ]) },
                    messageContains: ["NOK", "EUR", "13.1"]),
        RefusalCase(name: "negative Invoice whose type code names a credit note (381)",
                    data: { try Fixtures.edited("einvoice/si-ubl-2.0_ok_base.xml", [
                        ("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>"),
                        (#"<cbc:PayableAmount currencyID="EUR">227.00</cbc:PayableAmount>"#, #"<cbc:PayableAmount currencyID="EUR">-227.00</cbc:PayableAmount>"#),
                    ]) },
                    messageContains: ["type code 381", "cbc:InvoiceTypeCode"]),
        // SI-UBL 2.0 test file SI-UBL-2.0_BR-NL-7_error_381_invoice.xml (github phax/phive-rules):
        // an Invoice typed 381 was booked as a claim of EUR 227 where the seller means a credit.
        RefusalCase(name: "Invoice whose type code names a credit note (381)",
                    data: { try Fixtures.edited("einvoice/si-ubl-2.0_ok_base.xml", replacing: "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
                                                with: "<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>") },
                    messageContains: ["type code 381", "cbc:InvoiceTypeCode", "CreditNote"], locationPrefix: "line "),
        RefusalCase(name: "Invoice whose type code names a credit note (396, factored)",
                    data: { try Fixtures.edited(base, replacing: "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
                                                with: "<cbc:InvoiceTypeCode> 396 </cbc:InvoiceTypeCode>") },
                    messageContains: ["type code 396"]),
        RefusalCase(name: "non-numeric line amount",
                    data: { try Fixtures.edited(base, replacing: "<cbc:LineExtensionAmount currencyID=\"EUR\">-1500</cbc:LineExtensionAmount>",
                                                with: "<cbc:LineExtensionAmount currencyID=\"EUR\">n/a</cbc:LineExtensionAmount>") },
                    messageContains: ["line 2", "'n/a'"]),
        RefusalCase(name: "missing payable amount",
                    data: { try Fixtures.edited(base, replacing: payable, with: "") },
                    messageContains: ["PayableAmount", "missing"]),
        RefusalCase(name: "issue date not YYYY-MM-DD",
                    data: { try Fixtures.edited(base, replacing: "<cbc:IssueDate>2017-11-13</cbc:IssueDate>", with: "<cbc:IssueDate>13-11-2017</cbc:IssueDate>") },
                    messageContains: ["IssueDate", "13-11-2017", "YYYY-MM-DD"]),
        RefusalCase(name: "impossible due date",
                    data: { try Fixtures.edited(base, replacing: "<cbc:DueDate>2017-12-01</cbc:DueDate>", with: "<cbc:DueDate>2017-02-30</cbc:DueDate>") },
                    messageContains: ["due date", "2017-02-30", "not a day of the calendar"]),
        RefusalCase(name: "non-numeric quantity",
                    data: { try Fixtures.edited(base, replacing: "<cbc:InvoicedQuantity unitCode=\"DAY\">7</cbc:InvoicedQuantity>",
                                                with: "<cbc:InvoicedQuantity unitCode=\"DAY\">seven</cbc:InvoicedQuantity>") },
                    messageContains: ["quantity", "'seven'", "line 1"]),
        RefusalCase(name: "missing invoice number",
                    data: { try Fixtures.edited(base, replacing: "<cbc:ID>Snippet1</cbc:ID>", with: "") },
                    messageContains: ["cbc:ID", "missing"]),
    ]

    @Test("refusal table", arguments: cases)
    func refuses(_ refusal: RefusalCase) throws {
        try ImportRefusalTests.check(refusal, file: "invoice.xml") { data, name throws(ImportError) in
            _ = try UBLReader.read(data, fileName: name)
        }
    }

    @Test("the location names the offending element")
    func locationNamesElement() throws {
        let data = try Fixtures.edited(Self.base, replacing: "<cbc:LineExtensionAmount currencyID=\"EUR\">-1500</cbc:LineExtensionAmount>",
                                       with: "<cbc:LineExtensionAmount currencyID=\"EUR\">n/a</cbc:LineExtensionAmount>")
        let error = #expect(throws: ImportError.self) { try UBLReader.read(data, fileName: "x.xml") }
        #expect(error?.location == "line 182, Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount")
    }
}
