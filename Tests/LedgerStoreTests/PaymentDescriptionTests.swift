import Foundation
import Importers
import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

/// A payment of the genkgo .02 statement (EUR 8.85 from NAME NAME, structured reference
/// 4654654654654654) with its remittance information changed, and what it must be matched to.
struct DescribedPayment: Sendable, CustomTestStringConvertible {
    var name: String
    /// The first match of this pattern in the statement is replaced by `replacement`.
    var pattern: String
    var replacement: String
    /// The invoice it must pay; `nil`: it names none and stays unmatched.
    var invoice: String?
    /// What is kept as its remittance text.
    var remittance: String?
    var testDescription: String { name }
}

/// `Ntry/AddtlNtryInf` and `TxDtls/AddtlTxInf` name the invoice when the bank gives no `RmtInf`
/// (Raiffeisen `Accredito …`, OCA's `#RD PARTY MEDIA CUSNO 90782`), and never beside one.
@Suite(.removesTemporaryFolders) struct PaymentDescriptionTests {
    static let statement = "bank/genkgo_camt053.v2.minimal.xml"

    static let cases: [DescribedPayment] = [
        DescribedPayment(name: "entry without TxDtls whose only description, AddtlNtryInf, names the invoice",
                         pattern: #"<NtryDtls>[\s\S]*</NtryDtls>"#, replacement: "<AddtlNtryInf>Accredito fattura 12115118</AddtlNtryInf>",
                         invoice: "12115118", remittance: "Accredito fattura 12115118"),
        DescribedPayment(name: "transaction without RmtInf whose AddtlTxInf names the invoice",
                         pattern: #"<RmtInf>[\s\S]*</RmtInf>"#, replacement: "<AddtlTxInf>#FACT 12115118</AddtlTxInf>",
                         invoice: "12115118", remittance: "#FACT 12115118"),
        DescribedPayment(name: "structured reference beside AddtlNtryInf naming the invoice: the reference counts",
                         pattern: #"</NtryDtls>"#, replacement: "</NtryDtls><AddtlNtryInf>Accredito fattura 12115118</AddtlNtryInf>",
                         invoice: nil, remittance: nil),
        DescribedPayment(name: "RmtInf/Ustrd beside AddtlTxInf naming the invoice: the payer's text counts",
                         pattern: #"<RmtInf>[\s\S]*</RmtInf>"#,
                         replacement: "<RmtInf><Ustrd>Order 777</Ustrd></RmtInf><AddtlTxInf>#FACT 12115118</AddtlTxInf>",
                         invoice: nil, remittance: "Order 777"),
    ]

    @Test("matched on the bank's description only when the payer gave no remittance information",
          arguments: cases, [true, false])
    func matching(_ payment: DescribedPayment, invoiceFirst: Bool) throws {
        let (ledger, _) = try temporaryLedger()
        var text = try String(contentsOfFile: Paths.fixture(Self.statement), encoding: .utf8)
        let range = try #require(text.range(of: payment.pattern, options: .regularExpression))
        text.replaceSubrange(range, with: payment.replacement)
        let data = Data(text.utf8)
        let statement = ParsedFile(fileName: "statement.xml", sha256: sha256Hex(data),
                                   content: try CAMT053Reader.read(data, fileName: "statement.xml"))
        let invoice = try parsedInvoice("einvoice/si-ubl-2.0_ok_base.xml")
        // Either order: a payment that arrives first is matched when its invoice does.
        if invoiceFirst { _ = try ledger.importDocuments([invoice], context: testContext) }
        _ = try ledger.importPayments([statement], context: testContext)
        if !invoiceFirst { _ = try ledger.importDocuments([invoice], context: testContext) }

        let client = try #require(try ledger.clientFiles().first { $0.key == "11111111" })
        let invoiceID = try #require(client.ledger.invoices.first { $0.number == "12115118" }?.id)
        let unmatched = try ledger.unmatchedPayments()
        if payment.invoice != nil {
            #expect(client.ledger.payments.map(\.invoiceID) == [invoiceID])
            #expect(client.ledger.payments.map(\.amount) == [Cents(885)])
            #expect(unmatched.isEmpty)
        } else {
            #expect(client.ledger.payments.isEmpty)
            #expect(unmatched.map(\.remittance) == [payment.remittance])
        }
    }
}
