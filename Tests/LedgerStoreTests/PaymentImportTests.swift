import Foundation
import Importers
@testable import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

@Suite(.removesTemporaryFolders) struct PaymentImportTests {
    @Test func rabobankCreditsAreKeptUnmatchedUntilTheirInvoicesArrive() throws {
        let (ledger, _) = try temporaryLedger()
        let statements = try FileImport.statements(paths: [Paths.fixture("bank/mpdroog-invoiced_rabobank_CAMT053.xml")])
        let outcome = try ledger.importPayments(statements, context: testContext)
        #expect(outcome.count == 1)
        let unmatched = try ledger.unmatchedPayments()
        // Every credit is kept; the first customer payment is the one the source's test names.
        let customer = unmatched.first { $0.remittance?.contains("2016Q3-0004") == true }
        #expect(customer?.amount == Cents(442525))
        #expect(customer?.bookingDate == Day(iso: "2016-08-15"))
        #expect(customer?.debtorIBAN == "NL62ABNA0408441224")
        #expect(customer?.debtorName == "XS NEWS B V")
        #expect(unmatched.filter { $0.remittance?.contains("2016Q3-000") == true }.count == 3)

        // An invoice numbered as the remittance text says arrives later: the payment matches it.
        let invoice = try parsedInvoice("einvoice/si-ubl-2.0_ok_base.xml", name: "2016Q3-0004.xml",
                                        replacing: [("<cbc:ID>12115118</cbc:ID>", "<cbc:ID>2016Q3-0004</cbc:ID>")])
        _ = try ledger.importDocuments([invoice], context: testContext)
        // The two other payments name invoices 2016Q3-0005/6, which are not in the ledger: they
        // stay unmatched (the payer designated them, art. 6:43(1) BW) until those invoices arrive.
        let after = try ledger.unmatchedPayments()
        #expect(unmatched.count == 4)
        #expect(after.count == 3)
        #expect(after.contains { $0.remittance?.contains("2016Q3-0004") == true } == false)
    }

    @Test func theSameStatementTwiceChangesNothing() throws {
        let (ledger, _) = try temporaryLedger()
        let files = try FileImport.statements(paths: [Paths.fixture("bank/genkgo_camt053.v2.minimal.xml")])
        _ = try ledger.importPayments(files, context: testContext)
        let events = try ledger.verifyAuditLog().eventCount
        let again = try ledger.importPayments(files, context: testContext)
        #expect(again.map(\.status) == [.alreadyImported])
        #expect(try ledger.verifyAuditLog().eventCount == events)
    }

    /// ISO 20022 amounts may be 0; a booked credit of EUR 0.00 received nothing. It used to
    /// refuse the whole statement ("a payment must be positive"), and with it every real payment.
    @Test func aZeroCreditIsIgnoredAndTheOtherPaymentsAreRecorded() throws {
        let (ledger, _) = try temporaryLedger()
        let text = try String(contentsOfFile: Paths.fixture("bank/genkgo_camt053.v2.multi.statement.xml"), encoding: .utf8)
        let zero = text.replacingOccurrences(of: "<Amt Ccy=\"EUR\">7.00</Amt>", with: "<Amt Ccy=\"EUR\">0.00</Amt>")
            .replacingOccurrences(of: "<CdtDbtInd>DBIT</CdtDbtInd>\n                <RvslInd>", with: "<CdtDbtInd>CRDT</CdtDbtInd>\n                <RvslInd>")
        let data = Data(zero.utf8)
        let entries = try CAMT053Reader.read(data, fileName: "zero.xml")
        #expect(entries.map(\.amount) == [Cents(885), Cents(0)] && entries.allSatisfy(\.isCredit))
        let outcome = try ledger.importPayments([ParsedFile(fileName: "zero.xml", sha256: sha256Hex(data), content: entries)],
                                                context: testContext)
        #expect(outcome.map(\.summary) == ["1 payment(s) received: 0 matched, 1 unmatched; 1 credit entry of EUR 0.00 ignored"])
        #expect(try ledger.unmatchedPayments().map(\.amount) == [Cents(885)])
    }

    @Test func paymentIDWithSpacesAndPunctuationMatches() {
        #expect(referenceKey("Deb. 10202 / Fact. 12115118") == referenceKey("DEB10202FACT12115118"))
        #expect(referenceKey("Deb. 10202 / Fact. 12115118") != referenceKey("Deb. 10202 / Fact. 12115119"))
    }

    @Test func aBadFileAmongGoodOnesStopsTheImportBeforeAnythingIsWritten() throws {
        let (ledger, _) = try temporaryLedger()
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: bad) }
        try Data("<Document><BkToCstmrStmt>".utf8).write(to: bad)
        #expect {
            _ = try FileImport.statements(paths: [Paths.fixture("bank/genkgo_camt053.v2.minimal.xml"), bad.path])
        } throws: { error in "\(error)".contains(bad.lastPathComponent) }
        #expect(try ledger.verifyAuditLog().eventCount == 0)
    }
}
