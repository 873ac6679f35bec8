import Foundation
import TestSupport
import Testing

/// The compiled `titlehold` binary, end to end: demo, import, owned, items, audit.
@Suite(.removesTemporaryFolders) struct CommandLineTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func demoThenOwnedAnswersWithReasons() throws {
        let db = try Binary.temporaryDatabase()
        let demo = try Binary.run(["demo", "--db", db])
        #expect(demo.status == 0, "\(demo.stderr)")
        let owned = try Binary.run(["owned", "CN0V7R2K", "--db", db, "--at", "2026-11-25", "--json"])
        #expect(owned.status == 0, "\(owned.stderr)")
        let object = try #require(try json(owned.stdout) as? [String: Any])
        #expect(object["serial"] as? String == "CN0V7R2K")
        #expect(object["owner"] as? String == "supplier")
        let reasons = try #require(object["reasons"] as? [[String: Any]])
        #expect(reasons.first?["article"] as? String == "10.1")
        #expect(reasons.first?["invoice"] as? String == "INV-2026-0188")
        #expect(reasons.first?["outstanding_cents"] as? Int == 62194)
    }

    @Test func ownedOnAnEarlierDateIgnoresLaterPayments() throws {
        let db = try Binary.temporaryDatabase()
        _ = try Binary.run(["demo", "--db", db])
        let before = try Binary.run(["owned", "7XK2L3M", "--db", db, "--at", "2026-03-24", "--json"])
        let after = try Binary.run(["owned", "7XK2L3M", "--db", db, "--at", "2026-03-25", "--json"])
        #expect((try json(before.stdout) as? [String: Any])?["owner"] as? String == "supplier")
        #expect((try json(after.stdout) as? [String: Any])?["owner"] as? String == "client")
    }

    @Test func unknownSerialIsAClearErrorWithNonZeroStatus() throws {
        let db = try Binary.temporaryDatabase()
        _ = try Binary.run(["demo", "--db", db])
        let result = try Binary.run(["owned", "NO-SUCH-SERIAL", "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no item with serial 'NO-SUCH-SERIAL'"))
    }

    @Test func itemsListsEveryDemoItemWithItsOwner() throws {
        let db = try Binary.temporaryDatabase()
        _ = try Binary.run(["demo", "--db", db])
        let all = try Binary.run(["items", "--db", db, "--at", "2026-11-25", "--json"])
        let list = try #require(try json(all.stdout) as? [[String: Any]])
        #expect(list.count == 11)
        let supplier = try Binary.run(["items", "--db", db, "--at", "2026-11-25", "--owner", "supplier", "--json"])
        let owned = try #require(try json(supplier.stdout) as? [[String: Any]])
        #expect(owned.count == 6)
        #expect(owned.allSatisfy { $0["owner"] as? String == "supplier" })
    }

    @Test func deliverImportAndAskThroughTheDefaultDatabaseVariable() throws {
        let db = try Binary.temporaryDatabase()
        let env = ["TITLEHOLD_DB": db]
        let deliver = try Binary.run(["deliver", "--client", "11111111", "--agreement", "47806", "--serial", "sn-001",
                                      "--date", "2015-01-05"], environment: env)
        #expect(deliver.status == 0, "\(deliver.stderr)")
        let again = try Binary.run(["deliver", "--client", "11111111", "--agreement", "47806", "--serial", "SN-001",
                                    "--date", "2015-01-05"], environment: env)
        #expect(again.stdout.contains("already recorded"))
        let invoice = Binary.fixtures.appendingPathComponent("einvoice/si-ubl-2.0_ok_base.xml").path
        let imported = try Binary.run(["import", "invoices", invoice], environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        let reimported = try Binary.run(["import", "invoices", invoice], environment: env)
        #expect(reimported.stdout.contains("already imported"))
        let owned = try Binary.run(["owned", "SN-001", "--at", "2015-02-01"], environment: env)
        #expect(owned.status == 0)
        #expect(owned.stdout.contains("SUPPLIER"))
        let audit = try Binary.run(["audit", "verify"], environment: env)
        #expect(audit.status == 0)
        #expect(audit.stdout.hasPrefix("intact"))
    }

    @Test func aGTINWithABadCheckDigitIsRefusedBeforeAnythingIsWritten() throws {
        let db = try Binary.temporaryDatabase()
        let result = try Binary.run(["deliver", "--client", "1", "--agreement", "A", "--serial", "S", "--gtin", "8712345000012",
                                     "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad check digit"))
        #expect(try Binary.run(["items", "--db", db]).stdout.contains("no items"))
    }

    @Test func badInputIsRefusedNamingTheFileAndTheLedgerIsUnchanged() throws {
        let db = try Binary.temporaryDatabase()
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        let entity = dir.appendingPathComponent("entity.xml")
        try Data("""
            <?xml version="1.0"?>
            <!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&x;</Invoice>
            """.utf8).write(to: entity)
        let good = Binary.fixtures.appendingPathComponent("einvoice/si-ubl-2.0_ok_base.xml").path
        let result = try Binary.run(["import", "invoices", good, entity.path, "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("entity.xml"))
        let audit = try Binary.run(["audit", "verify", "--db", db, "--json"])
        #expect((try json(audit.stdout) as? [String: Any])?["events"] as? Int == 0)
    }

    @Test func aTamperedLogIsReportedWithNonZeroStatus() throws {
        let db = try Binary.temporaryDatabase()
        _ = try Binary.run(["demo", "--db", db])
        let sqlite = ChildProcess()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, "UPDATE event SET subject = 'edited' WHERE seq = 3"]
        try sqlite.run(); sqlite.waitUntilExit()
        let audit = try Binary.run(["audit", "verify", "--db", db])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("BROKEN at event 3"))
    }
}
