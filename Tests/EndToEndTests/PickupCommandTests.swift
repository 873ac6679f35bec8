import Foundation
import TestSupport
import Testing

/// Issue 5 through the built binary on the demo ledger: notice, plan (JSON and iCalendar), manifest,
/// scanning at the door from standard input, closing, credit-note list, and re-planning after a payment.
@Suite(.removesTemporaryFolders) struct PickupCommandTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func run(_ args: [String], _ db: String, stdin: String? = nil) throws -> Binary.Result {
        let result = try Binary.run(args + ["--db", db], stdin: stdin)
        #expect(result.status == 0, "\(args): \(result.stderr)")
        return result
    }

    /// The demo ledger with client 23456789 in default on INV-2026-0142 since 2026-08-18.
    func defaultedDemo() throws -> (db: String, folder: URL) {
        let db = try Binary.temporaryDatabase()
        _ = try run(["demo"], db)
        _ = try run(["letters", "record", "INV-2026-0142", "reminder1", "--sent", "2026-07-20"], db)
        _ = try run(["letters", "record", "INV-2026-0142", "reminder2", "--sent", "2026-08-10"], db)
        return (db, URL(fileURLWithPath: db).deletingLastPathComponent())
    }

    func plan(_ db: String, from day: String, ics: String? = nil) throws -> [[String: Any]] {
        var args = ["pickups", "plan", "--from", day, "--json"]
        if let ics { args += ["--ics", ics] }
        return try #require(try json(try run(args, db).stdout) as? [[String: Any]])
    }

    @Test func aClientGetsANoticeFirstThenAVisitTwoWorkingDaysLater() throws {
        let (db, folder) = try defaultedDemo()
        #expect(try plan(db, from: "2026-11-25").isEmpty, "no notice sent yet")
        let notices = try run(["pickups", "notices", "--at", "2026-11-25", "--out", folder.appendingPathComponent("out").path], db)
        #expect(notices.stdout.contains("1 notice(s)"))
        let letter = try String(contentsOfFile: try #require(notices.stdout.split(separator: "\n").first { $0.hasSuffix(".txt") }.map(String.init)),
                                encoding: .utf8)
        #expect(letter.contains("10.3") && letter.contains("PF4XK2L3"))

        let ics = folder.appendingPathComponent("pickups.ics").path
        let visits = try plan(db, from: "2026-11-25", ics: ics)
        let visit = try #require(visits.first)
        #expect(visits.count == 1)
        // Notice on Wednesday 25 November: Thursday and Friday pass, the visit is on Monday 30 November.
        #expect(visit["date"] as? String == "2026-11-30")
        #expect(visit["start"] as? String == "2026-11-30T09:00:00+01:00")
        #expect(visit["address"] as? String == "Industrieweg 4, 7421 CD Deventer, NL")
        #expect(Set(visit["serials"] as? [String] ?? []) == ["PF4XK2L3", "PF4XK2M9", "DK1Q0004"])
        let calendar = try String(contentsOfFile: ics, encoding: .utf8)
        #expect(calendar.contains("BEGIN:VTIMEZONE") && calendar.contains("TZID:Europe/Amsterdam"))
        #expect(calendar.contains("UID:visit-\(visit["id"] as? String ?? "")@titlehold"))
        #expect(calendar.contains("DTSTART;TZID=Europe/Amsterdam:20261130T090000"))

        // Planning again changes nothing and keeps the id.
        #expect(try plan(db, from: "2026-11-25").first?["id"] as? String == visit["id"] as? String)
    }

    @Test func scanningAtTheDoorRepossessesWhatIsOnTheManifestOnly() throws {
        let (db, folder) = try defaultedDemo()
        _ = try run(["pickups", "notices", "--at", "2026-11-25", "--out", folder.appendingPathComponent("out").path], db)
        let id = try #require(try plan(db, from: "2026-11-25").first?["id"] as? String)
        let manifest = try run(["pickups", "manifest", id, "--format", "html"], db).stdout
        #expect(manifest.contains("<svg") && manifest.contains("PF4XK2M9") && manifest.contains("vrije toegang"))

        let scan = try run(["pickups", "scan", id, "--stdin", "--date", "2026-11-30"], db, stdin: "PF4XK2L3\nNOT-ON-LIST\nDK1Q0004\nTH:END\n")
        #expect(scan.stdout.contains("ACCEPTED: collected PF4XK2L3"))
        #expect(scan.stdout.contains("REJECTED: NOT-ON-LIST is not on the manifest"))
        #expect(scan.stdout.contains("closed: some-not-found, 2 of 3 collected"))
        let credit = try run(["pickups", "credit-notes", "--json"], db).stdout
        let rows = try #require(try json(credit) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["serial"] as? String }) == ["PF4XK2L3", "DK1Q0004"])
        #expect(rows.allSatisfy { $0["invoice"] as? String == "INV-2026-0142" })
        // What was not found stays flagged and is planned again, under a new visit.
        let next = try plan(db, from: "2026-12-01")
        #expect(next.first?["serials"] as? [String] == ["PF4XK2M9"])
        #expect(next.first?["id"] as? String != id)
    }

    @Test func replanningAfterAPaymentDropsTheVisitAndSaysSo() throws {
        let (db, folder) = try defaultedDemo()
        _ = try run(["pickups", "notices", "--at", "2026-11-25", "--out", folder.appendingPathComponent("out").path], db)
        #expect(try plan(db, from: "2026-11-25").count == 1)
        let statement = folder.appendingPathComponent("payment.xml")
        try Self.statement(amount: "1548.93", booked: "2026-11-26", remittance: "Factuur INV-2026-0142").write(
            to: statement, atomically: true, encoding: .utf8)
        _ = try run(["import", "payments", statement.path], db)
        let replanned = try run(["pickups", "plan", "--from", "2026-11-27"], db).stdout
        #expect(replanned.contains("0 visit(s)"))
        #expect(replanned.contains("no item there is eligible"))
    }

    @Test func accessRefusedIsAnOutcomeOnRecord() throws {
        let (db, folder) = try defaultedDemo()
        _ = try run(["pickups", "notices", "--at", "2026-11-25", "--out", folder.appendingPathComponent("out").path], db)
        let id = try #require(try plan(db, from: "2026-11-25").first?["id"] as? String)
        let tooEarly = try Binary.run(["pickups", "close", id, "access-refused", "--date", "2999-01-04", "--db", db])
        #expect(tooEarly.status != 0 && tooEarly.stderr.contains("after today"), "a visit in the future is not on record yet")
        _ = try run(["pickups", "close", id, "access-refused", "--note", "gate closed", "--date", "2026-11-30"], db)
        let again = try Binary.run(["pickups", "scan", id, "--stdin", "--db", db], stdin: "PF4XK2L3\n")
        #expect(again.status != 0 && again.stderr.contains("closed"))
        #expect(try plan(db, from: "2026-12-01").count == 1, "the items stay flagged for a next visit")
    }

    /// A one-entry camt.053 statement.
    static func statement(amount: String, booked: String, remittance: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
        <GrpHdr><MsgId>TEST-\(booked)</MsgId><CreDtTm>\(booked)T06:00:00+01:00</CreDtTm></GrpHdr>
        <Stmt><Id>TEST-\(booked)</Id><CreDtTm>\(booked)T06:00:00+01:00</CreDtTm>
        <Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
        <Ntry><Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>\(booked)</Dt></BookgDt><ValDt><Dt>\(booked)</Dt></ValDt><AcctSvcrRef>T\(booked)</AcctSvcrRef>
        <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
        <AmtDtls><TxAmt><Amt Ccy="EUR">\(amount)</Amt></TxAmt></AmtDtls>
        <RltdPties><Dbtr><Nm>Installatiebedrijf Van Dijk B.V.</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct></RltdPties>
        <RmtInf><Ustrd>\(remittance)</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """
    }
}
