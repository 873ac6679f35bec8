import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
@testable import TitleholdServer

/// Uploads of real third-party files (../shared/fixtures) through the same path as `titlehold import`.
@Suite struct APIImportsTests {
    static func fixture(_ relative: String) throws -> ByteBuffer {
        let url = TestService.packageRoot.appendingPathComponent("../shared/fixtures").appendingPathComponent(relative).standardizedFileURL
        return ByteBuffer(bytes: try Data(contentsOf: url))
    }

    static func sha256(_ buffer: ByteBuffer) -> String { sha256Hex(Data(buffer.readableBytesView)) }

    @Test func aPeppolInvoiceIsImportedOnceAndTheEventLogNamesTheFileAndItsHash() async throws {
        let service = try TestService()
        let file = try Self.fixture("einvoice/peppol-bis3_base-example.xml")
        try await service.api { api in
            let first = try await api.call(.post, "/api/invoices?name=peppol-base.xml", as: .finance, body: file,
                                           contentType: "application/xml")
            #expect(first.status == .created)
            #expect(first.object["status"] as? String == "imported")
            #expect(first.object["file"] as? String == "peppol-base.xml")
            #expect(first.object["sha256"] as? String == Self.sha256(file))
            let logged = try service.env.ledger.lastEvents(20).filter { $0.fileName == "peppol-base.xml" }
            #expect(!logged.isEmpty)
            #expect(logged.allSatisfy { $0.fileSHA256 == Self.sha256(file) && $0.command == "api POST /api/invoices" })
            #expect(logged.allSatisfy { $0.actor == "finance-user (token)" })

            let events = try service.env.ledger.verifyAuditLog().eventCount
            let again = try await api.call(.post, "/api/invoices", as: .admin, body: file, contentType: "text/xml; charset=utf-8")
            #expect(again.status == .ok)
            #expect(again.object["status"] as? String == "already_imported")
            #expect(again.object["file"] as? String == "upload.xml")
            #expect(try service.env.ledger.verifyAuditLog().eventCount == events)
        }
    }

    /// The SI-UBL "full" example reuses invoice number TOSL108 of the OASIS example with other content.
    @Test func aClashingInvoiceNumberIsRefusedWith422AndNothingIsWritten() async throws {
        let service = try TestService()
        try await service.api { api in
            let oasis = try await api.call(.post, "/api/invoices?name=oasis.xml", as: .finance,
                                           body: try Self.fixture("einvoice/oasis-ubl21_UBL-Invoice-2.1-Example.xml"),
                                           contentType: "application/xml")
            #expect(oasis.status == .created)
            let events = try service.env.ledger.verifyAuditLog().eventCount
            let clash = try await api.call(.post, "/api/invoices?name=full.xml", as: .finance,
                                           body: try Self.fixture("einvoice/si-ubl-2.0_ok_full.xml"), contentType: "application/xml")
            #expect(clash.status == .unprocessableContent)
            #expect(clash.error.contains("TOSL108") && clash.error.contains("full.xml"))
            #expect(try service.env.ledger.verifyAuditLog().eventCount == events)
        }
    }

    @Test func aRabobankStatementIsImportedAndItsUnknownPaymentsListed() async throws {
        let service = try TestService()
        let before = service.env.ledger
        let unmatchedBefore = try before.unmatchedPayments().count
        try await service.api { api in
            let imported = try await api.call(.post, "/api/payments?name=rabobank.xml", as: .finance,
                                              body: try Self.fixture("bank/mpdroog-invoiced_rabobank_CAMT053.xml"),
                                              contentType: "application/xml")
            #expect(imported.status == .created)
            #expect(try service.env.ledger.lastEvents(1).first?.command == "api POST /api/payments")
            let unmatched = try await api.call(.get, "/api/payments/unmatched", as: .finance)
            #expect(unmatched.status == .ok)
            #expect(unmatched.array.count > unmatchedBefore)
            let customer = unmatched.array.first { ($0["remittance"] as? String)?.contains("2016Q3-0004") == true }
            #expect(customer?["amount_cents"] as? Int == 442525)
            #expect(customer?["debtor_name"] as? String == "XS NEWS B V")
            #expect(customer?["booking_date"] as? String == "2016-08-15")
            #expect(customer?["file"] as? String == "rabobank.xml")
        }
    }

    @Test(arguments: [
        ("/api/invoices", "einvoice/peppol-bis3_DespatchAdvice_Example.xml"),
        ("/api/invoices", "bank/oca_test-camt053.xml"),
        ("/api/payments", "einvoice/si-ubl-2.0_ok_base.xml"),
    ])
    func aFileOfTheWrongKindIs400NamingTheFile(path: String, fixture: String) async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.post, path + "?name=wrong.xml", as: .finance, body: try Self.fixture(fixture),
                                              contentType: "application/xml")
            #expect(response.status == .badRequest)
            #expect(response.error.contains("wrong.xml"), "\(response.error)")
        }
    }

    @Test(arguments: ["/api/invoices", "/api/payments"])
    func anUploadOfAnotherTypeIs415AndAnEmptyOne400(path: String) async throws {
        let service = try TestService()
        let file = try Self.fixture("einvoice/peppol-bis3_base-example.xml")
        try await service.api { api in
            for type in ["application/json", "application/octet-stream", "multipart/form-data; boundary=x"] {
                let response = try await api.call(.post, path, as: .finance, body: file, contentType: type)
                #expect(response.status == .unsupportedMediaType, "\(type)")
                #expect(response.error.contains("application/xml"))
            }
            let untyped = try await api.call(.post, path, as: .finance, body: file)
            #expect(untyped.status == .unsupportedMediaType)
            let empty = try await api.call(.post, path, as: .finance, body: ByteBuffer(), contentType: "application/xml")
            #expect(empty.status == .badRequest)
        }
    }

    @Test func anUploadOverTheLimitIs413AndNothingIsRecorded() async throws {
        let service = try TestService()
        let events = try service.env.ledger.verifyAuditLog().eventCount
        try await service.api { api in
            let size = 20 * 1024 * 1024 + 1
            let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: size)
            let response = try await api.call(.post, "/api/invoices", as: .finance, body: huge, contentType: "application/xml")
            #expect(response.status == .contentTooLarge)
            #expect(response.error.contains("\(20 * 1024 * 1024)"))
        }
        #expect(try service.env.ledger.verifyAuditLog().eventCount == events)
    }

    @Test func aFileNameWithAPathKeepsOnlyItsLastPart() async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.post, "/api/invoices?name=../../etc/inv.xml", as: .finance,
                                              body: try Self.fixture("einvoice/peppol-bis3_base-example.xml"),
                                              contentType: "application/xml")
            #expect(response.object["file"] as? String == "inv.xml")
        }
    }
}
