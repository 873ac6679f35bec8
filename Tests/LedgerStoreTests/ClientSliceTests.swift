import Foundation
import GRDB
@testable import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

/// The stored client slices (`ClientSlice`) must equal the slice built fresh from the rows after
/// every kind of write, or `owned` would answer from stale facts.
@Suite(.removesTemporaryFolders) struct ClientSliceTests {
    /// Every client's stored slice equals the freshly built one, field by field, and no client is
    /// left marked dirty.
    static func expectSlicesFresh(_ ledger: LedgerDatabase, after step: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try ledger.dirtyClientSlices() == [], "dirty clients after \(step)", sourceLocation: sourceLocation)
        let clients = try ledger.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM client ORDER BY id") }
        for id in clients {
            let fresh = try ledger.clientLedger(clientID: id)
            guard let stored = try ledger.storedClientLedger(clientID: id) else {
                Issue.record("no stored slice for client \(id) after \(step)", sourceLocation: sourceLocation)
                continue
            }
            let what = "client \(id) after \(step)"
            #expect(stored.clientKind == fresh.clientKind, "kind of \(what)", sourceLocation: sourceLocation)
            #expect(stored.invoices == fresh.invoices, "invoices of \(what)", sourceLocation: sourceLocation)
            #expect(stored.creditNotes == fresh.creditNotes, "credit notes of \(what)", sourceLocation: sourceLocation)
            #expect(stored.payments == fresh.payments, "payments of \(what)", sourceLocation: sourceLocation)
            #expect(stored.items == fresh.items, "items of \(what)", sourceLocation: sourceLocation)
            #expect(stored.letters == fresh.letters, "letters of \(what)", sourceLocation: sourceLocation)
            let headers = try ledger.clientSliceHeaders(clientID: id)
            #expect(headers.stored?.clientKey == headers.fresh?.clientKey, "key of \(what)", sourceLocation: sourceLocation)
            #expect(headers.stored?.clientName == headers.fresh?.clientName, "name of \(what)", sourceLocation: sourceLocation)
            #expect(headers.stored?.agreements.map(\.id) == headers.fresh?.agreements.map(\.id),
                    "agreements of \(what)", sourceLocation: sourceLocation)
            #expect(headers.stored?.agreements.map(\.reference) == headers.fresh?.agreements.map(\.reference),
                    "agreement references of \(what)", sourceLocation: sourceLocation)
        }
    }

    /// The slice carries the client's key and name and its agreements' references (format 2), so
    /// a change to any of them, however written, must mark the client.
    @Test func renamingAClientOrAnAgreementKeepsTheSlicesFresh() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        try Self.expectSlicesFresh(ledger, after: "demo")
        let item = try #require(try ledger.items(serial: "PF4XK2L3").first)
        try ledger.writer.write { db in
            try db.execute(sql: "UPDATE client SET name = 'Renamed B.V.' WHERE id = ?", arguments: [item.clientID])
        }
        try ledger.refreshClientSlices()
        try Self.expectSlicesFresh(ledger, after: "client renamed")
        let service = OwnershipService(ledger: ledger, scope: .client)
        #expect(try service.report(serial: "PF4XK2L3", on: Day(iso: "2026-11-25")!).clientName == "Renamed B.V.")

        try ledger.writer.write { db in
            try db.execute(sql: "UPDATE agreement SET reference = 'ORD-RENAMED' WHERE id = ?", arguments: [item.agreementID])
        }
        try ledger.refreshClientSlices()
        try Self.expectSlicesFresh(ledger, after: "agreement renamed")
        #expect(try service.report(serial: "PF4XK2L3", on: Day(iso: "2026-11-25")!).agreement == "ORD-RENAMED")

        try ledger.writer.write { db in
            try db.execute(sql: "UPDATE client SET key = 'K-NEW' WHERE id = ?", arguments: [item.clientID])
        }
        try ledger.refreshClientSlices()
        try Self.expectSlicesFresh(ledger, after: "client key changed")
        #expect(try service.report(serial: "PF4XK2L3", on: Day(iso: "2026-11-25")!).client == "K-NEW")
    }

    static func demoDeliveries() throws -> [Delivery] {
        let text = try String(contentsOf: Paths.demo.appendingPathComponent("deliveries.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let day = Day(iso: f[5]) else { return nil }
            return Delivery(client: f[0], agreement: f[1], serial: f[2], gtin: f[3].isEmpty ? nil : f[3],
                            name: f[4].isEmpty ? nil : f[4], date: day)
        }
    }

    static func demoFiles(_ folder: String) throws -> [String] {
        let dir = Paths.demo.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { dir.appendingPathComponent($0).path }
    }

    @Test func everyKindOfWriteOnTheDemoLedgerKeepsTheSlicesFresh() throws {
        let (ledger, _) = try temporaryLedger()
        for delivery in try Self.demoDeliveries() {
            try ledger.deliver(delivery, context: testContext)
            try Self.expectSlicesFresh(ledger, after: "deliver \(delivery.serial)")
        }
        for path in try Self.demoFiles("invoices") {
            _ = try ledger.importDocuments(try FileImport.invoices(paths: [path]), context: testContext)
            try Self.expectSlicesFresh(ledger, after: "import \(path)")
        }
        _ = try ledger.importPayments(try FileImport.statements(paths: try Self.demoFiles("statements")), context: testContext)
        try Self.expectSlicesFresh(ledger, after: "import payments")

        // Back-dated: relinks the client's items to the invoice lines.
        let late = Delivery(client: "12345678", agreement: "ORD-2026-0101", serial: "BACKDATED1", gtin: "8712345000011",
                            date: Day(iso: "2026-01-15")!)
        guard case let .recorded(itemID) = try ledger.deliver(late, context: testContext) else {
            Issue.record("the back-dated delivery was not recorded"); return
        }
        try Self.expectSlicesFresh(ledger, after: "back-dated deliver")
        try ledger.undoDelivery(itemID: itemID, context: testContext)
        try Self.expectSlicesFresh(ledger, after: "undo")

        try ledger.recordItemEvent(serial: "7XK2L3M", ItemEvent(kind: .returned, date: Day(iso: "2026-12-01")!, note: "RMA 17"),
                                   context: testContext)
        try Self.expectSlicesFresh(ledger, after: "item event")
        try ledger.recordLetters([SentLetter(invoice: "INV-2026-0142", kind: .reminder1, sentOn: Day(iso: "2026-12-02")!,
                                             origin: .external)], context: testContext)
        try Self.expectSlicesFresh(ledger, after: "letter")
        let client0142 = try #require(try ledger.items(serial: "PF4XK2L3").first).clientID
        let before = try ledger.clientLedger(clientID: client0142)
        try ledger.setAgreementKind(reference: "ORD-2026-0142", client: nil, kind: .services, context: testContext)
        try Self.expectSlicesFresh(ledger, after: "agreement kind")
        #expect(try ledger.storedClientLedger(clientID: client0142)?.invoices != before.invoices, "the override must change a goods flag")
        try ledger.setClientKind("12345678", kind: .consumer, context: testContext)
        try Self.expectSlicesFresh(ledger, after: "client kind")
        let client1234 = try #require(try ledger.items(serial: "7XK2L3M").first).clientID
        #expect(try ledger.storedClientLedger(clientID: client1234)?.clientKind == .consumer)
    }

    /// Payments first, invoices later: importing an invoice re-matches the payments that name it.
    @Test func paymentsRematchedByALaterInvoiceKeepTheSlicesFresh() throws {
        let (ledger, _) = try temporaryLedger()
        for delivery in try Self.demoDeliveries() { try ledger.deliver(delivery, context: testContext) }
        _ = try ledger.importPayments(try FileImport.statements(paths: try Self.demoFiles("statements")), context: testContext)
        let unmatchedBefore = try ledger.unmatchedPayments().count
        try Self.expectSlicesFresh(ledger, after: "payments before invoices")
        for path in try Self.demoFiles("invoices").reversed() {
            _ = try ledger.importDocuments(try FileImport.invoices(paths: [path]), context: testContext)
            try Self.expectSlicesFresh(ledger, after: "import \(path) after the payments")
        }
        #expect(try ledger.unmatchedPayments().count < unmatchedBefore, "some payments must have been re-matched")
    }

    /// Random interleavings of the demo's writes with events, letters, undos, back-dated
    /// deliveries and kind changes; refused writes included (they must leave the slices as they were).
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func randomSequencesKeepTheSlicesFresh(seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        let (ledger, _) = try temporaryLedger()
        enum Step { case deliver(Delivery), invoice(String), statement(String), extra }
        var steps: [Step] = try Self.demoDeliveries().map { .deliver($0) } + Self.demoFiles("invoices").map { .invoice($0) }
            + Self.demoFiles("statements").map { .statement($0) } + Array(repeating: .extra, count: 14)
        steps.shuffle(using: &random)
        var delivered: [(id: Int64, serial: String)] = []
        for (n, step) in steps.enumerated() {
            let label: String
            do {
                switch step {
                case .deliver(let delivery):
                    label = "deliver \(delivery.serial)"
                    if case let .recorded(id) = try ledger.deliver(delivery, context: testContext) { delivered.append((id, delivery.serial)) }
                case .invoice(let path):
                    label = "import \(URL(fileURLWithPath: path).lastPathComponent)"
                    _ = try ledger.importDocuments(try FileImport.invoices(paths: [path]), context: testContext)
                case .statement(let path):
                    label = "import statement"
                    _ = try ledger.importPayments(try FileImport.statements(paths: [path]), context: testContext)
                case .extra:
                    label = try Self.randomExtra(ledger, delivered: &delivered, step: n, random: &random)
                }
            } catch is LedgerError {
                try Self.expectSlicesFresh(ledger, after: "a refused step \(n) (seed \(seed))")
                continue
            }
            try Self.expectSlicesFresh(ledger, after: "\(label) (step \(n), seed \(seed))")
        }
    }

    static func randomExtra(_ ledger: LedgerDatabase, delivered: inout [(id: Int64, serial: String)], step: Int,
                            random: inout TestRandom) throws -> String {
        let invoices = ["INV-2020-0042", "INV-2026-0101", "INV-2026-0120", "INV-2026-0142", "INV-2026-0188"]
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let serial = "RANDOM\(step)"
            let day = Day(iso: "2026-01-01")!.adding(days: Int.random(in: 0..<300, using: &random))
            let delivery = Delivery(client: ["12345678", "23456789", "99999999"].randomElement(using: &random)!,
                                    agreement: ["ORD-2026-0101", "ORD-2026-0142", "ORD-NEW"].randomElement(using: &random)!,
                                    serial: serial, gtin: ["8712345000011", "8712345000035", nil].randomElement(using: &random)!, date: day)
            if case let .recorded(id) = try ledger.deliver(delivery, context: testContext) { delivered.append((id, serial)) }
            return "deliver \(serial) on \(day)"
        case 1:
            guard !delivered.isEmpty else { return "nothing to undo" }
            let (id, serial) = delivered.remove(at: Int.random(in: 0..<delivered.count, using: &random))
            try ledger.undoDelivery(itemID: id, context: testContext)
            return "undo \(serial)"
        case 2:
            guard let (_, serial) = delivered.randomElement(using: &random) else { return "no item for an event" }
            let kind = ItemEvent.Kind.allCases.randomElement(using: &random)!
            try ledger.recordItemEvent(serial: serial, ItemEvent(kind: kind, date: Day(iso: "2026-12-20")!,
                                                                 outsideNormalCourse: Bool.random(using: &random)), context: testContext)
            return "\(kind) event of \(serial)"
        case 3:
            let invoice = invoices.randomElement(using: &random)!
            let kind = DunningLetter.Kind.allCases.randomElement(using: &random)!
            try ledger.recordLetters([SentLetter(invoice: invoice, kind: kind, sentOn: Day(iso: "2026-12-03")!, origin: .external)],
                                     context: testContext)
            return "\(kind) for \(invoice)"
        case 4:
            let kind = AgreementKind.allCases.randomElement(using: &random)!
            try ledger.setAgreementKind(reference: "ORD-2026-0142", client: nil, kind: kind, context: testContext)
            return "agreement kind \(kind)"
        default:
            let kind = ClientKind.allCases.randomElement(using: &random)!
            try ledger.setClientKind("12345678", kind: kind, context: testContext)
            return "client kind \(kind)"
        }
    }

    /// A write that bypasses `change` (a tool writing the tables directly) deletes the client's
    /// snapshot in the same statement; the look-up then rebuilds the slice from the rows.
    @Test func aDirectWriteDropsTheSnapshotAndTheLookupStillAnswersFromTheRows() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let item = try #require(try ledger.items(serial: "PF4XK2L3").first)
        #expect(try ledger.storedClientLedger(clientID: item.clientID) != nil)
        try ledger.writer.write { db in
            try db.execute(sql: "INSERT INTO item_event (item_id, kind, date) VALUES (?, 'incorporated', '2026-10-01')",
                           arguments: [item.id])
        }
        #expect(try ledger.storedClientLedger(clientID: item.clientID) == nil)
        #expect(try ledger.dirtyClientSlices() == [item.clientID])
        let report = try OwnershipService(ledger: ledger, scope: .client).report(serial: "PF4XK2L3", on: Day(iso: "2026-11-25")!)
        #expect(report.reasons.first?.kind == "incorporated")
        try ledger.refreshClientSlices()
        try Self.expectSlicesFresh(ledger, after: "refreshClientSlices")
    }

    /// The look-up answers the same from the snapshot as from the rows, for every demo item and
    /// several dates (the rule runs on whatever slice the look-up returns).
    @Test func lookupFromTheSnapshotEqualsTheLookupFromTheRows() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let service = OwnershipService(ledger: ledger, scope: .client)
        let serials = try Self.demoDeliveries().map(\.serial)
        let dates = ["2020-04-01", "2026-03-15", "2026-06-30", "2026-11-25", "2031-01-01"].compactMap { Day(iso: $0) }
        var fromSnapshot: [OwnershipReport] = []
        for serial in serials { for day in dates { fromSnapshot.append(try service.report(serial: serial, on: day)) } }
        try ledger.writer.write { db in try db.execute(sql: "DELETE FROM client_slice") }
        var fromRows: [OwnershipReport] = []
        for serial in serials { for day in dates { fromRows.append(try service.report(serial: serial, on: day)) } }
        #expect(fromSnapshot == fromRows)
        #expect(Set(fromSnapshot.map(\.owner)) == ["supplier", "client"])
    }

    /// `owned`'s statement reads the item from the covering index by serial (migration
    /// v10-item-serial-covering) and the client's slice by its key: never the item table's row.
    @Test func theLookupStatementReadsOneIndexAndTheSlice() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let plan = try ledger.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + LookupSQL.itemAndSliceBySerial, arguments: ["PF4XK2L3"])
                .map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH item USING COVERING INDEX item_serial_lookup (serial=?)",
                         "SEARCH client_slice USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN"])
    }

    @Test func theEncodingRoundTripsEveryFieldAndRefusesATruncatedBlob() throws {
        let ledger = ClientLedger(
            clientKind: .consumer,
            invoices: [ClientLedger.Invoice(id: 7, number: "INV-ß-1", agreementID: nil, isGoods: true, issueDate: Day(iso: "2026-01-31")!,
                                            dueDate: Day(iso: "2026-03-02")!, payable: Cents(123_456_789_00), paymentID: "RF18 5390"),
                       ClientLedger.Invoice(id: 9, number: "", agreementID: 3, isGoods: false, issueDate: Day(ordinal: -5),
                                            dueDate: Day(ordinal: 0), payable: .zero)],
            creditNotes: [ClientLedger.CreditNote(number: "CN-1", issueDate: Day(iso: "2026-02-01")!, amount: Cents(5), invoiceID: 7),
                          ClientLedger.CreditNote(number: "CN-2", issueDate: Day(iso: "2026-02-02")!, amount: Cents(6), invoiceID: nil)],
            payments: [ClientLedger.Payment(id: Int64.max, bookingDate: Day(iso: "2026-02-03")!, amount: Cents(1), invoiceID: nil),
                       ClientLedger.Payment(id: 2, bookingDate: Day(iso: "2026-02-04")!, amount: Cents(-1), invoiceID: 9)],
            items: [ClientLedger.DeliveredItem(id: 1, serial: "SN ✓ 1", agreementID: 3, deliveredOn: Day(iso: "2026-01-02")!,
                                               invoiceIDs: [7, 9], events: [
                                                   ItemEvent(kind: .resold, date: Day(iso: "2026-05-01")!, note: "to X", outsideNormalCourse: true),
                                                   ItemEvent(kind: .waived, date: Day(iso: "2026-06-01")!),
                                               ], value: Cents(99)),
                    ClientLedger.DeliveredItem(id: 2, serial: "B", agreementID: nil, deliveredOn: Day(iso: "2026-01-03")!, invoiceIDs: [])],
            letters: [7: [DunningLetter(kind: .reminder1, sentOn: Day(iso: "2026-03-10")!),
                          DunningLetter(kind: .noticeOfDefault, sentOn: Day(iso: "2026-04-10")!)],
                      9: [DunningLetter(kind: .handedToCollections, sentOn: Day(iso: "2026-05-10")!)]])
        let header = ClientSliceHeader(clientKey: "K-ß", clientName: "Naam ✓", agreements: [(3, "ORD-3"), (4, "")])
        let bytes = ClientSliceCodec.encode(ledger, header: header)
        let decoded = try #require(bytes.withUnsafeBytes(ClientSliceCodec.decode))
        let decodedHeader = try #require(bytes.withUnsafeBytes(ClientSliceCodec.decodeHeader))
        #expect(decodedHeader.clientKey == "K-ß" && decodedHeader.clientName == "Naam ✓")
        #expect(decodedHeader.agreements.map(\.id) == [3, 4] && decodedHeader.agreements.map(\.reference) == ["ORD-3", ""])
        let forLookup = try #require(bytes.withUnsafeBytes { ClientSliceCodec.decodeForLookup($0, agreementID: 3) })
        #expect(forLookup.clientKey == "K-ß" && forLookup.clientName == "Naam ✓" && forLookup.agreement == "ORD-3")
        #expect(forLookup.ledger?.items == ledger.items && forLookup.ledger?.invoices == ledger.invoices)
        #expect(bytes.withUnsafeBytes { ClientSliceCodec.decodeForLookup($0, agreementID: 99) }?.agreement == nil)
        // A client with item events is read in full, even when spans are asked for.
        let withEvents = try #require(bytes.withUnsafeBytes { ClientSliceCodec.decodeForLookup($0, agreementID: 3, spansFor: 2) })
        #expect(withEvents.coverage == nil && withEvents.deliveries == nil && withEvents.ledger?.items == ledger.items)
        // Without: only the item asked about is decoded, beside the client's claim coverage and
        // invoices' history; the spans and serials only when the rule needs them on the date.
        var quiet = ledger
        quiet.items[0].events = []
        let quietBytes = ClientSliceCodec.encode(quiet, header: header)
        let quietHistory = InvoiceHistory(quiet)
        for (position, item) in quiet.items.enumerated() {
            let spans = try #require(quietBytes.withUnsafeBytes { ClientSliceCodec.decodeForLookup($0, agreementID: 3, spansFor: item.id) })
            #expect(spans.ledger?.items == [item])
            // The invoices in full; the credit notes, payments and letters only as the history holds them.
            #expect(spans.ledger?.invoices == quiet.invoices && spans.history == quietHistory)
            #expect(spans.ledger?.payments.isEmpty == true && spans.ledger?.creditNotes.isEmpty == true && spans.ledger?.letters.isEmpty == true)
            #expect(spans.coverage == ClaimCoverage(quiet, history: quietHistory))
            // Without a date the spans and serials always come along.
            #expect(spans.deliveries == DeliverySpans(quiet))
            #expect(spans.serials?.serial(at: position) == item.serial)
            for date in ["2025-12-31", "2026-01-02", "2026-01-10", "2027-01-01"].map({ Day(iso: $0)! }) {
                let dated = try #require(quietBytes.withUnsafeBytes {
                    ClientSliceCodec.decodeForLookup($0, agreementID: 3, spansFor: item.id, on: date)
                })
                let needed = OwnershipRule(scope: .client).needsDeliverySpans(for: item, in: try #require(dated.ledger),
                                                                              coverage: try #require(dated.coverage), on: date)
                #expect(dated.deliveries == (needed ? DeliverySpans(quiet) : nil), "item \(item.id) on \(date)")
                // On a date, only the invoices the rule reads (all when it reads them all), with their history.
                let claims = quiet.invoices.indices.map { InvoiceClaimDays(quiet.invoices[$0], quietHistory.entries[$0]) }
                let read = OwnershipRule(scope: .client).invoicesRead(for: item, among: claims, coverage: ClaimCoverage(quiet, history: quietHistory),
                                                                      on: date) ?? Array(quiet.invoices.indices)
                #expect(dated.ledger?.invoices == read.map { quiet.invoices[$0] }, "item \(item.id) on \(date)")
                #expect(dated.history?.entries.map(\.invoiceID) == read.map { quiet.invoices[$0].id })
            }
        }
        #expect(quietBytes.withUnsafeBytes { ClientSliceCodec.decodeForLookup($0, agreementID: 3, spansFor: 77) }?.coverage == nil)
        // A slice cut short anywhere is refused by the look-up's reader too, though it steps over
        // what it does not build.
        for cut in 0..<quietBytes.count {
            let prefix = Array(quietBytes.prefix(cut))
            #expect(prefix.withUnsafeBytes { ClientSliceCodec.decodeForLookup($0, agreementID: 3, spansFor: 1) } == nil, "cut at \(cut)")
        }
        let unnamed = ClientSliceCodec.encode(ledger, header: ClientSliceHeader(clientKey: "K", clientName: nil, agreements: []))
        #expect(unnamed.withUnsafeBytes(ClientSliceCodec.decodeHeader)?.clientName == nil)
        #expect(unnamed.withUnsafeBytes(ClientSliceCodec.decode)?.items == ledger.items)
        #expect(decoded.clientKind == ledger.clientKind)
        #expect(decoded.invoices == ledger.invoices)
        #expect(decoded.creditNotes == ledger.creditNotes)
        #expect(decoded.payments == ledger.payments)
        #expect(decoded.items == ledger.items)
        #expect(decoded.letters == ledger.letters)
        for cut in [0, 1, bytes.count / 2, bytes.count - 1] {
            #expect(Array(bytes.prefix(cut)).withUnsafeBytes(ClientSliceCodec.decode) == nil, "cut at \(cut)")
        }
        var otherFormat = bytes
        otherFormat[0] = ClientSliceCodec.format &+ 1
        #expect(otherFormat.withUnsafeBytes(ClientSliceCodec.decode) == nil)
    }
}

/// SplitMix64, so each seeded sequence is the same on every run.
struct TestRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
