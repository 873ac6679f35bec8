import Foundation
import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

/// Export and erasure of one client's personal data (art. 30 of the terms), on the demo ledger:
/// client 23456789 (Installatiebedrijf Van Dijk B.V.) has two invoices, a credit note, a partial
/// payment from its own account, and three items.
@Suite(.removesTemporaryFolders) struct PersonalDataTests {
    static let client = "23456789"
    static let day = Day(iso: "2026-11-25")!

    /// The demo ledger plus personal data the demo has none of: a delivery address, notes.
    func ledgerWithPersonalData() throws -> LedgerDatabase {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        try ledger.deliver(Delivery(client: Self.client, agreement: "ORD-2026-0142", serial: "PF4XK2Q1", name: "Lenovo ThinkPad T14",
                                    date: Day(iso: "2026-07-01")!, address: "Jan Jansen, Dorpsstraat 3, 7421 AB Deventer"),
                           context: testContext)
        try ledger.recordItemEvent(serial: "PF4XK2M9", ItemEvent(kind: .pledged, date: Day(iso: "2026-08-01")!,
                                                                 note: "reported by Piet van Dijk by phone"), context: testContext)
        try ledger.recordClientStatus(Self.client, ClientStatusHistory.Entry(
            status: .difficulties, since: Day(iso: "2026-09-01")!, note: "Piet van Dijk says cash is short",
            recordedOn: Day(iso: "2026-09-01")!), context: testContext)
        try ledger.recordTaxNotice(Self.client, sentOn: Day(iso: "2026-10-01")!, note: "sent to the ontvanger for Piet van Dijk",
                                   context: testContext)
        return ledger
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func exportHoldsEverythingAboutTheClient() throws {
        let ledger = try ledgerWithPersonalData()
        let export = try ledger.exportClient(Self.client)
        #expect(export.client.name == "Installatiebedrijf Van Dijk B.V.")
        #expect(export.client.address == "Industrieweg 4, 7421 CD Deventer, NL")
        #expect(Set(export.invoices.map(\.number)) == ["INV-2026-0142", "INV-2026-0160"])
        #expect(export.creditNotes.map(\.number) == ["CN-2026-0007"])
        #expect(export.invoices.allSatisfy { !$0.lines.isEmpty })
        #expect(export.payments.map(\.amountCents) == [2_000_00])
        #expect(export.payments.first?.debtorName == "Installatiebedrijf Van Dijk B.V.")
        #expect(export.payments.first?.debtorIBAN == "NL20INGB0001234567")
        #expect(export.payments.first?.invoice == "INV-2026-0142")
        #expect(export.identifiers.contains(.init(scheme: "iban", value: "NL20INGB0001234567")))
        #expect(Set(export.items.map(\.serial)) == ["PF4XK2L3", "PF4XK2M9", "DK1Q0004", "PF4XK2Q1"])
        #expect(export.items.first { $0.serial == "PF4XK2M9" }?.events.first?.note == "reported by Piet van Dijk by phone")
        #expect(export.statuses.first?.note == "Piet van Dijk says cash is short")
        #expect(export.taxNotices.first?.note == "sent to the ontvanger for Piet van Dijk")
        #expect(export.events.contains { $0.action == "invoice.imported" && $0.subject == "INV-2026-0142" })
        #expect(export.events.contains { $0.action == "payment.imported" })
        #expect(export.erasedAt == nil)
        // Another client's data is not in it.
        let text = try Self.json(export)
        #expect(!text.contains("Korenschoof") && !text.contains("INV-2026-0101"))
        #expect(text.contains("\"debtor_iban\":\"NL20INGB0001234567\""))
    }

    @Test func erasureDropsPersonalFieldsAndKeepsTheBooks() throws {
        let ledger = try ledgerWithPersonalData()
        let before = try ledger.exportClient(Self.client)
        let ownership = OwnershipService(ledger: ledger, scope: .client)
        let verdictsBefore = try before.items.map { try ownership.report(serial: $0.serial, on: Self.day) }

        let report = try ledger.eraseClient(Self.client, context: ChangeContext(command: "test", actor: "admin-user (token)"))
        #expect(report.client == Self.client && !report.keyReplaced)
        #expect(report.nameCleared && report.addressCleared)
        #expect(report.identifiersRemoved == ["iban"])
        #expect(Set(report.identifiersKept) == ["kvk", "peppol", "vat"])
        #expect(report.paymentsCleared == 1 && report.itemAddressesCleared == 1 && report.itemEventNotesCleared == 1)
        #expect(report.statusNotesCleared == 1 && report.taxNoticeNotesCleared == 1)

        let after = try ledger.exportClient(Self.client)
        #expect(after.client.name == nil && after.client.address == nil)
        #expect(!after.identifiers.contains { $0.scheme == "iban" })
        #expect(after.identifiers.contains(.init(scheme: "kvk", value: Self.client)))
        #expect(after.payments.allSatisfy { $0.debtorName == nil && $0.debtorIBAN == nil })
        #expect(after.items.allSatisfy { $0.address == nil && $0.events.allSatisfy { $0.note == nil } })
        #expect(after.statuses.allSatisfy { $0.note == nil } && after.taxNotices.allSatisfy { $0.note == nil })
        #expect(after.invoices.allSatisfy { $0.deliveryAddress == nil })
        #expect(after.erasedAt != nil)
        // `owned` reads the client's name from its stored slice: erased there too.
        for item in before.items { #expect(try ownership.report(serial: item.serial, on: Self.day).clientName == nil) }
        // The bookkeeping stays: numbers, amounts, dates, lines, payments and what they paid.
        #expect(after.invoices.map(\.number) == before.invoices.map(\.number))
        #expect(after.invoices.map(\.payableCents) == before.invoices.map(\.payableCents))
        #expect(after.invoices.map { $0.lines.map(\.amountCents) } == before.invoices.map { $0.lines.map(\.amountCents) })
        #expect(after.creditNotes.map(\.payableCents) == before.creditNotes.map(\.payableCents))
        #expect(after.payments.map(\.amountCents) == before.payments.map(\.amountCents))
        #expect(after.payments.map(\.invoice) == before.payments.map(\.invoice))
        #expect(after.statuses.map(\.status) == before.statuses.map(\.status))

        // Outside the hash-chained event log, no trace of the names, addresses and account remains.
        var kept = after
        kept.events = []
        let text = try Self.json(kept)
        for personal in ["Van Dijk", "Industrieweg", "NL20INGB0001234567", "Jan Jansen", "Dorpsstraat"] {
            #expect(!text.contains(personal), "\(personal) is still in the export")
        }
        let erased = try #require(after.events.last { $0.action == "client.erased" })
        #expect(erased.actor == "admin-user (token)")
        #expect(!erased.details.values.contains { $0.contains("Van Dijk") || $0.contains("NL20INGB") })

        // `owned` answers as before, from a stored slice that matches the rows.
        for (item, verdict) in zip(before.items, verdictsBefore) {
            let now = try ownership.report(serial: item.serial, on: Self.day)
            #expect(now.owner == verdict.owner)
            #expect(now.reasons.map(\.kind) == verdict.reasons.map(\.kind))
            #expect(now.reasons.map(\.outstandingCents) == verdict.reasons.map(\.outstandingCents))
            #expect(now.clientName == nil)
        }
        let clientID = try ledger.standing(client: Self.client).clientID
        #expect(try ledger.storedClientLedger(clientID: clientID)?.items.flatMap(\.events).allSatisfy { $0.note == nil } == true)
        try ClientSliceTests.expectSlicesFresh(ledger, after: "erasure")
        #expect(try ledger.verifyAuditLog().firstBreak == nil)
    }

    @Test func secondErasureIsANoOp() throws {
        let ledger = try ledgerWithPersonalData()
        try ledger.eraseClient(Self.client, context: testContext)
        let events = try ledger.verifyAuditLog().eventCount
        let again = try ledger.eraseClient(Self.client, context: testContext)
        #expect(!again.changesAnything && again.erasedBefore)
        #expect(try ledger.verifyAuditLog().eventCount == events)
        #expect(try ledger.verifyAuditLog().firstBreak == nil)
    }

    @Test func planChangesNothing() throws {
        let ledger = try ledgerWithPersonalData()
        let events = try ledger.verifyAuditLog().eventCount
        let plan = try ledger.erasurePlan(Self.client)
        #expect(plan.changesAnything && plan.paymentsCleared == 1 && !plan.erasedBefore)
        #expect(try ledger.exportClient(Self.client).client.name == "Installatiebedrijf Van Dijk B.V.")
        #expect(try ledger.verifyAuditLog().eventCount == events)
    }

    /// A consumer keeps only the supplier's debtor number; a key that was one of its dropped
    /// identifiers is replaced, and the client stays reachable by the new key.
    @Test func consumerLosesIdentifiersAndKey() throws {
        let ledger = try ledgerWithPersonalData()
        try ledger.setClientKind("34567890", kind: .consumer, context: testContext)
        let report = try ledger.eraseClient("34567890", context: testContext)
        #expect(report.keyReplaced && report.client.hasPrefix("client-"))
        #expect(Set(report.identifiersRemoved) == ["kvk", "peppol", "vat"] && report.identifiersKept.isEmpty)
        #expect(throws: LedgerError.self) { try ledger.exportClient("34567890") }
        let after = try ledger.exportClient(report.client)
        #expect(after.identifiers.isEmpty && after.client.name == nil)
        #expect(Set(after.invoices.map(\.number)) == ["INV-2026-0120", "INV-2026-0121"])
        #expect(after.payments.allSatisfy { $0.debtorName == nil })
        #expect(try ledger.verifyAuditLog().firstBreak == nil)
    }

    @Test func unknownClientIsNamed() throws {
        let ledger = try ledgerWithPersonalData()
        #expect(throws: LedgerError("no client '99999999' in the ledger")) { try ledger.exportClient("99999999") }
        #expect(throws: LedgerError("no client '99999999' in the ledger")) { try ledger.eraseClient("99999999", context: testContext) }
    }
}
