import Foundation
import Importers
import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

/// An `Invoice` with a negative amount due (Peppol `base-negative-inv-correction.xml`, SI-UBL 2.0
/// `ok_negative`) is a credit: the ledger must book it exactly as the equivalent CreditNote.
@Suite(.removesTemporaryFolders) struct NegativeInvoiceImportTests {
    static let invoice = Paths.demo.appendingPathComponent("invoices/INV-2026-0142.xml").path
    static let creditNote = Paths.demo.appendingPathComponent("invoices/CN-2026-0007.xml").path
    static let reference = "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>INV-2026-0142</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>"

    /// What the correction names in `cac:BillingReference`.
    enum Reference: String, Sendable, CaseIterable { case openInvoice, none, unknownInvoice }

    static func referenceEdit(_ reference: Reference) -> [(String, String)] {
        switch reference {
        case .openInvoice: []
        case .none: [(Self.reference, "")]
        case .unknownInvoice: [("<cbc:ID>INV-2026-0142</cbc:ID></cac:InvoiceDocumentReference>", "<cbc:ID>INV-2099-0001</cbc:ID></cac:InvoiceDocumentReference>")]
        }
    }

    /// The demo credit note CN-2026-0007 (on INV-2026-0142), crediting `amount`.
    static func note(crediting amount: String, _ reference: Reference) throws -> ParsedFile<ImportedDocument> {
        try parsedInvoice(creditNote, replacing: [
            (#"<cbc:PayableAmount currencyID="EUR">121.00<"#, #"<cbc:PayableAmount currencyID="EUR">\#(amount)<"#),
        ] + referenceEdit(reference))
    }

    /// The same correction as the negative Invoice a Dutch supplier sends instead: same number,
    /// every amount negated, the credit note's elements renamed to the Invoice's.
    static func negativeInvoice(crediting amount: String, _ reference: Reference) throws -> ParsedFile<ImportedDocument> {
        try parsedInvoice(creditNote, name: "CN-2026-0007-negative-invoice.xml", replacing: [
            (#"<cbc:PayableAmount currencyID="EUR">121.00<"#, #"<cbc:PayableAmount currencyID="EUR">-\#(amount)<"#),
            ("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"",
             "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""),
            ("</CreditNote>", "</Invoice>"),
            ("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>", "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"),
            ("CreditNoteLine>", "InvoiceLine>"),
            ("<cbc:CreditedQuantity unitCode=\"C62\">1</cbc:CreditedQuantity>", "<cbc:InvoicedQuantity unitCode=\"C62\">-1</cbc:InvoicedQuantity>"),
            (">121.00<", ">-121.00<"), (">100.00<", ">-100.00<"), (">21.00<", ">-21.00<"),
        ] + referenceEdit(reference))
    }

    /// A ledger with INV-2026-0142 for client 23456789, one of its laptops delivered, and `correction`.
    static func ledger(with correction: ParsedFile<ImportedDocument>) throws -> (LedgerDatabase, ClientFile) {
        let (ledger, _) = try temporaryLedger()
        try ledger.deliver(Delivery(client: "23456789", agreement: "ORD-2026-0142", serial: "PF4XK2L3", date: Day(iso: "2026-06-15")!),
                           context: testContext)
        _ = try ledger.importDocuments([try parsedInvoice(invoice), correction], context: testContext)
        let client = try #require(try ledger.clientFiles().first { $0.key == "23456789" })
        return (ledger, client)
    }

    @Test("a negative invoice reduces or settles the client's invoice as the equivalent credit note does",
          arguments: ["121.00", "3669.93", "5000.00"], Reference.allCases)
    func creditsLikeTheCreditNote(amount: String, reference: Reference) throws {
        let negative = try Self.negativeInvoice(crediting: amount, reference)
        #expect(negative.content.kind == .creditNote)
        let (byInvoice, invoiceClient) = try Self.ledger(with: negative)
        let (byNote, noteClient) = try Self.ledger(with: try Self.note(crediting: amount, reference))

        #expect(invoiceClient.ledger.invoices == noteClient.ledger.invoices)
        #expect(invoiceClient.ledger.invoices.map(\.number) == ["INV-2026-0142"])  // no claim of its own
        #expect(invoiceClient.ledger.creditNotes == noteClient.ledger.creditNotes)
        let credit = try #require(invoiceClient.ledger.creditNotes.first)
        #expect(credit.number == "CN-2026-0007")
        #expect(credit.amount == Cents(decimal: amount))
        #expect((credit.invoiceID != nil) == (reference == .openInvoice))

        let day = Day(iso: "2026-07-10")!
        let byInvoiceAllocation = PaymentAllocation(invoiceClient.ledger, asOf: day)
        let byNoteAllocation = PaymentAllocation(noteClient.ledger, asOf: day)
        #expect(byInvoiceAllocation.balances == byNoteAllocation.balances)
        #expect(byInvoiceAllocation.unallocatedCredit == byNoteAllocation.unallocatedCredit)
        let open = try #require(byInvoiceAllocation.balances.values.first).outstanding
        switch (reference, amount) {
        case (.openInvoice, "121.00"): #expect(open == Cents(decimal: "3548.93"))
        case (.openInvoice, _): #expect(open == .zero)
        default: #expect(open == Cents(decimal: "3669.93"))
        }

        let report = { (ledger: LedgerDatabase) in
            try OwnershipService(ledger: ledger, scope: .invoice).report(serial: "PF4XK2L3", on: day)
        }
        #expect(try report(byInvoice) == report(byNote))
    }

    @Test("importing the negative invoice again changes nothing, under any file name")
    func secondImportIsANoOp() throws {
        let negative = try Self.negativeInvoice(crediting: "121.00", .openInvoice)
        let (ledger, _) = try Self.ledger(with: negative)
        let events = try ledger.verifyAuditLog().eventCount
        #expect(try ledger.importDocuments([negative], context: testContext).map(\.status) == [.alreadyImported])
        // The same document in other bytes (re-exported, renamed): recognised by its content.
        let sameContent = ParsedFile(fileName: "again.xml", sha256: "other-bytes", content: negative.content)
        let outcome = try ledger.importDocuments([sameContent], context: testContext)
        #expect(outcome.map(\.summary) == ["credit note CN-2026-0007 is already in the ledger with the same content; nothing changed"])
        #expect(try ledger.verifyAuditLog().eventCount == events)
    }

    /// XRechnung 03.01a form: the lines bill goods (serials, a GTIN) but more was prepaid than is
    /// owed. A goods invoice would create a claim and link the delivered items; this credit must not.
    @Test("a negative invoice whose lines bill goods creates no claim and links no item")
    func goodsLinesOfACreditLinkNothing() throws {
        let (ledger, _) = try temporaryLedger()
        let day = Day(iso: "2026-06-15")!
        try ledger.deliver(Delivery(client: "23456789", agreement: "ORD-2026-0142", serial: "PF4XK2L3", date: day), context: testContext)
        try ledger.deliver(Delivery(client: "23456789", agreement: "ORD-2026-0142", serial: "D1", gtin: "8712345000035", date: day),
                           context: testContext)
        let negative = try parsedInvoice(Self.invoice, name: "prepaid.xml", replacing: [
            ("<cbc:ID>INV-2026-0142</cbc:ID>", "<cbc:ID>INV-2026-0143</cbc:ID>"),
            (#"<cbc:PayableAmount currencyID="EUR">3669.93</cbc:PayableAmount>"#,
             #"<cbc:PrepaidAmount currencyID="EUR">4000.00</cbc:PrepaidAmount><cbc:PayableAmount currencyID="EUR">-330.07</cbc:PayableAmount>"#),
        ])
        #expect(negative.content.lines.contains { !$0.serials.isEmpty } && negative.content.lines.contains { $0.gtin != nil })
        _ = try ledger.importDocuments([negative], context: testContext)
        let client = try #require(try ledger.clientFiles().first { $0.key == "23456789" })
        #expect(client.ledger.invoices.isEmpty)
        #expect(client.ledger.creditNotes.map(\.amount) == [Cents(33007)])
        #expect(client.ledger.items.allSatisfy { $0.invoiceIDs.isEmpty })
        let service = OwnershipService(ledger: ledger, scope: .invoice)
        for serial in ["PF4XK2L3", "D1"] {
            #expect(try service.report(serial: serial, on: Day(iso: "2026-07-10")!).reasons.first?.kind == "not_invoiced")
        }
    }
}
