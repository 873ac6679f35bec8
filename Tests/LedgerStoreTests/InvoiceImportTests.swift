import Foundation
import GRDB
import Importers
import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

@Suite(.removesTemporaryFolders) struct InvoiceImportTests {
    static let euroFixtures = [
        "einvoice/peppol-bis3_base-example.xml", "einvoice/peppol-bis3_base-creditnote-correction.xml",
        "einvoice/oasis-ubl21_UBL-Invoice-2.1-Example.xml", "einvoice/oasis-ubl21_UBL-CreditNote-2.1-Example.xml",
        "einvoice/si-ubl-2.0_ok_base.xml", "einvoice/si-ubl-2.0_BR-NL-8_ok_381_creditnote.xml",
    ]

    @Test func importsEveryEuroFixtureAndTheSecondImportChangesNothing() throws {
        let (ledger, _) = try temporaryLedger()
        let files = try FileImport.invoices(paths: Self.euroFixtures.map(Paths.fixture))
        let first = try ledger.importDocuments(files, context: testContext)
        #expect(first.allSatisfy { $0.status == .imported })
        let eventsAfterFirst = try ledger.verifyAuditLog().eventCount
        let second = try ledger.importDocuments(files, context: testContext)
        #expect(second.allSatisfy { $0.status == .alreadyImported })
        #expect(try ledger.verifyAuditLog().eventCount == eventsAfterFirst)
        #expect(try ledger.verifyAuditLog().firstBreak == nil)
    }

    /// The SI-UBL "full" example reuses invoice number TOSL108 of the OASIS example with other
    /// content: one supplier's ledger cannot hold both, so the second is refused, not overwritten.
    @Test func theSIUBLFullExampleClashesWithTheOASISNumber() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try ledger.importDocuments(try FileImport.invoices(paths: [Paths.fixture("einvoice/oasis-ubl21_UBL-Invoice-2.1-Example.xml")]),
                                       context: testContext)
        #expect {
            _ = try ledger.importDocuments(try FileImport.invoices(paths: [Paths.fixture("einvoice/si-ubl-2.0_ok_full.xml")]),
                                           context: testContext)
        } throws: { "\($0)".contains("TOSL108") && "\($0)".contains("si-ubl-2.0_ok_full.xml") }
        let alone = try temporaryLedger().0
        let outcome = try alone.importDocuments(try FileImport.invoices(paths: [Paths.fixture("einvoice/si-ubl-2.0_ok_full.xml")]),
                                                context: testContext)
        #expect(outcome.map(\.status) == [.imported])
    }

    @Test func theSIUBLBuyerBecomesAClientFoundByItsKvKNumber() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try ledger.importDocuments([try parsedInvoice("einvoice/si-ubl-2.0_ok_base.xml")], context: testContext)
        // The buyer's PartyLegalEntity/CompanyID schemeID 0106 is KvK 11111111; a delivery to that
        // client by KvK number lands on the same client.
        try ledger.deliver(Delivery(client: "11111111", agreement: "47806", serial: "X1", date: Day(iso: "2015-01-09")!),
                           context: testContext)
        let items = try ledger.items(client: "11111111")
        #expect(items.count == 1)
        #expect(items[0].clientName == "Ontvanger")
        #expect(items[0].agreement == "47806")
    }

    @Test func aNumberArrivingAgainWithOtherContentIsRefusedAndNothingIsWritten() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try ledger.importDocuments([try parsedInvoice("einvoice/si-ubl-2.0_ok_base.xml")], context: testContext)
        let before = try ledger.verifyAuditLog()
        let changed = try parsedInvoice("einvoice/si-ubl-2.0_ok_base.xml", name: "changed.xml",
                                        replacing: [("<cbc:IssueDate>2015-01-09", "<cbc:IssueDate>2015-01-10")])
        let other = try parsedInvoice("einvoice/peppol-bis3_base-example.xml")
        #expect {
            _ = try ledger.importDocuments([other, changed], context: testContext)
        } throws: { error in
            "\(error)".contains("changed.xml") && "\(error)".contains("12115118") && "\(error)".contains("different content")
        }
        // The whole import was one transaction: the first, valid file is not recorded either.
        #expect(try ledger.verifyAuditLog() == before)
    }

    @Test func linesAreLinkedBySerialOtherwiseByAgreementAndGTINQuantityAware() throws {
        let (ledger, _) = try temporaryLedger()
        let day = Day(iso: "2026-03-02")!
        // Three laptops delivered under one order; the invoice bills two of them by GTIN.
        for serial in ["A1", "A2", "A3"] {
            try ledger.deliver(Delivery(client: "12345678", agreement: "ORD-1", serial: serial, gtin: "8712345000011", date: day),
                               context: testContext)
        }
        let invoice = try parsedInvoice(Paths.demo.appendingPathComponent("invoices/INV-2026-0101.xml").path, replacing: [
            ("ORD-2026-0101", "ORD-1"), ("<cbc:InvoicedQuantity unitCode=\"C62\">3", "<cbc:InvoicedQuantity unitCode=\"C62\">2"),
        ])
        _ = try ledger.importDocuments([invoice], context: testContext)
        let service = OwnershipService(ledger: ledger, scope: .invoice)
        let reports = try ["A1", "A2", "A3"].map { try service.report(serial: $0, on: Day(iso: "2026-03-10")!) }
        #expect(reports.map { $0.reasons.first?.kind } == ["invoice_open", "invoice_open", "not_invoiced"])
    }

    @Test func appliedMigrationsAreNamed() throws {
        let (ledger, _) = try temporaryLedger()
        #expect(try ledger.appliedMigrations() == [
            "v1-ledger", "v2-lookup-speed", "v3-dunning-status-warranty", "v4-client-slices", "v5-pickups", "v6-access",
            "v7-slice-names", "v8-claim-coverage", "v9-invoice-claim-days", "v10-item-serial-covering",
        ])
    }
}

/// Linking one new delivery must give what relinking the whole client gives.
@Suite(.removesTemporaryFolders) struct IncrementalLinkTests {
    @Test func deliveriesAfterTheInvoiceLinkAsAFullRelinkWould() throws {
        let (ledger, _) = try temporaryLedger()
        let invoice = try parsedInvoice(Paths.demo.appendingPathComponent("invoices/INV-2026-0101.xml").path, replacing: [
            ("ORD-2026-0101", "ORD-1"),
        ])
        _ = try ledger.importDocuments([invoice], context: testContext)
        // The invoice bills 3 laptops by GTIN; 4 arrive after it, the last one back-dated.
        for (serial, date) in [("A1", "2026-03-02"), ("A2", "2026-03-03"), ("A3", "2026-03-04"), ("A0", "2026-03-01")] {
            try ledger.deliver(Delivery(client: "12345678", agreement: "ORD-1", serial: serial, gtin: "8712345000011",
                                        date: Day(iso: date)!), context: testContext)
        }
        let service = OwnershipService(ledger: ledger, scope: .invoice)
        let kinds = try ["A0", "A1", "A2", "A3"].map { try service.report(serial: $0, on: Day(iso: "2026-03-10")!).reasons.first?.kind }
        // Oldest deliveries first: A0, A1, A2 are billed; A3 is not.
        #expect(kinds == ["invoice_open", "invoice_open", "invoice_open", "not_invoiced"])
    }
}
