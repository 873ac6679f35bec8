import Foundation
import TestSupport
import Testing

/// Issue 4 through the built binary on the demo ledger: dunning, letters, interest, client status,
/// tax notice, item events, flags and warranty — each as a user runs it.
@Suite(.removesTemporaryFolders) struct DecisionCommandTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func demo() throws -> String {
        let db = try Binary.temporaryDatabase()
        let result = try Binary.run(["demo", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    func run(_ args: [String], _ db: String) throws -> Binary.Result {
        let result = try Binary.run(args + ["--db", db])
        #expect(result.status == 0, "\(args): \(result.stderr)")
        return result
    }

    func invoices(_ db: String, at day: String) throws -> [String: [String: Any]] {
        let rows = try #require(try json(try run(["dunning", "--at", day, "--json"], db).stdout) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["invoice"] as? String ?? "", $0) })
    }

    @Test func dunningListsEveryOpenInvoiceWithItsNextStepInterestAndCosts() throws {
        let db = try demo()
        let rows = try invoices(db, at: "2026-11-25")
        #expect(Set(rows.keys) == ["INV-2020-0042", "INV-2026-0188", "INV-2026-0142", "INV-2026-0160"])
        let open = try #require(rows["INV-2026-0142"])
        #expect(open["client"] as? String == "23456789")
        #expect(open["next_step"] as? String == "reminder1")
        #expect(open["next_step_on"] as? String == "2026-07-16")
        // BIK: 15% of EUR 1,548.93 open = EUR 232.34; a business owes it without reminder (6:96(4)).
        #expect(open["costs_cents"] as? Int == 23234)
        #expect((open["interest_cents"] as? Int ?? 0) > 0)
        // The time-barred claim is shown as such, with a null next step and no interest or costs.
        let barred = try #require(rows["INV-2020-0042"])
        #expect(barred["step"] as? String == "time_barred")
        #expect(barred["next_step"] is NSNull)
        #expect(barred["next_step_on"] is NSNull)
        #expect(barred["interest_cents"] as? Int == 0)
    }

    @Test func lettersSendWritesOneLetterPerClientAndRecordsIt() throws {
        let db = try demo()
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("letters").path
        let sent = try run(["letters", "send", "--at", "2026-11-25", "--out", out, "--json"], db)
        let letters = try #require(try json(sent.stdout) as? [[String: Any]])
        #expect(letters.count == 2)
        let vanDijk = try #require(letters.first { $0["client"] as? String == "23456789" })
        #expect(vanDijk["invoices"] as? [String] == ["INV-2026-0142", "INV-2026-0160"])
        // 14 days from the day after 2026-11-25 end on Wednesday 2026-12-09.
        #expect(vanDijk["term_ends_on"] as? String == "2026-12-09")
        let text = try String(contentsOfFile: try #require(vanDijk["text"] as? String), encoding: .utf8)
        #expect(text.contains("INV-2026-0142") && text.contains("9 december 2026") && text.contains("6:119a BW"))
        // Recorded: the timeline moves on, and sending again writes nothing.
        let after = try invoices(db, at: "2026-11-25")
        #expect(after["INV-2026-0142"]?["step"] as? String == "reminder1_sent")
        #expect(after["INV-2026-0142"]?["next_step_on"] as? String == "2026-12-10")
        #expect(try run(["letters", "send", "--at", "2026-11-25", "--out", out], db).stdout.contains("no letters due"))
    }

    @Test func lettersRecordRefusesUnknownInvoicesAndDuplicates() throws {
        let db = try demo()
        _ = try run(["letters", "record", "INV-2026-0142", "reminder1", "--sent", "2026-07-20"], db)
        let again = try Binary.run(["letters", "record", "INV-2026-0142", "reminder1", "--sent", "2026-07-20", "--db", db])
        #expect(again.status != 0 && again.stderr.contains("already recorded"))
        let unknown = try Binary.run(["letters", "record", "NOPE-1", "reminder2", "--sent", "2026-07-20", "--db", db])
        #expect(unknown.status != 0 && unknown.stderr.contains("no invoice 'NOPE-1'"))
        let early = try Binary.run(["letters", "record", "INV-2026-0142", "reminder2", "--sent", "2026-01-01", "--db", db])
        #expect(early.status != 0 && early.stderr.contains("cannot come before"))
    }

    @Test func interestShowsThePeriodsAndThePaymentsThatReducedIt() throws {
        let db = try demo()
        let report = try #require(try json(try run(["interest", "INV-2026-0142", "--at", "2026-11-25", "--json"], db).stdout)
            as? [String: Any])
        #expect(report["article"] as? String == "6:119a BW")
        let periods = try #require(report["periods"] as? [[String: Any]])
        // The payment of 2026-08-03 splits the calculation.
        #expect(periods.map { $0["from"] as? String } == ["2026-07-16", "2026-08-03"])
        #expect(periods.first?["ended_by"] as? [String] == ["payment"])
        let costs = try #require(report["costs"] as? [String: Any])
        #expect(costs["scale_cents"] as? Int == 23234)
    }

    /// Reminders recorded for INV-2026-0142 put client 23456789 in default from 2026-08-18.
    func inDefault(_ db: String) throws {
        _ = try run(["letters", "record", "INV-2026-0142", "reminder1", "--sent", "2026-07-20"], db)
        _ = try run(["letters", "record", "INV-2026-0142", "reminder2", "--sent", "2026-08-10"], db)
    }

    func flags(_ db: String, at day: String) throws -> [[String: Any]] {
        try #require(try json(try run(["flags", "--at", day, "--json"], db).stdout) as? [[String: Any]])
    }

    @Test func flagsListTheItemsOfAClientInDefaultWithReasonsAndArticles() throws {
        let db = try demo()
        #expect(try flags(db, at: "2026-11-25").isEmpty)
        try inDefault(db)
        #expect(try flags(db, at: "2026-08-17").isEmpty, "the 2nd reminder's term runs through 2026-08-17")
        let flagged = try flags(db, at: "2026-08-18")
        #expect(Set(flagged.compactMap { $0["serial"] as? String }) == ["PF4XK2L3", "PF4XK2M9", "DK1Q0004"])
        for flag in flagged {
            #expect(flag["client"] as? String == "23456789")
            #expect(flag["eligible"] as? Bool == true)
            #expect(flag["blocked_until"] is NSNull)
            let articles = (flag["reasons"] as? [[String: Any]] ?? []).compactMap { $0["article"] as? String }
            #expect(articles.contains("10.1") && articles.contains("10.3, 13.4"))
        }
    }

    @Test func aCoolingOffPeriodBlocksThePickupUntilItEnds() throws {
        let db = try demo()
        _ = try run(["clients", "status", "23456789", "bankrupt", "--since", "2026-11-02", "--cooling-off-until", "2026-12-31"], db)
        let flagged = try flags(db, at: "2026-11-25")
        #expect(flagged.count == 3, "bankruptcy alone makes the items eligible (art. 10.3)")
        #expect(flagged.allSatisfy { $0["blocked_until"] as? String == "2027-01-01" })
        // Too long a first period (more than 2 months, art. 63a Fw) is refused and nothing is stored.
        let refused = try Binary.run(["clients", "status", "23456789", "bankrupt", "--since", "2026-11-02",
                                      "--cooling-off-until", "2027-06-30", "--db", db])
        #expect(refused.status != 0 && refused.stderr.contains("63a"))
        let history = try run(["clients", "status", "23456789"], db).stdout
        #expect(history.split(separator: "\n").count == 1)
        #expect(try flags(db, at: "2027-01-01").allSatisfy { $0["blocked_until"] is NSNull })
    }

    @Test func aPledgeIsShownAsABreachOfArticle10_2AndAResaleEndsEligibility() throws {
        let db = try demo()
        try inDefault(db)
        let pledged = try run(["items", "event", "PF4XK2L3", "pledged", "--date", "2026-09-01"], db)
        #expect(pledged.stdout.contains("breach of art. 10.2"))
        _ = try run(["items", "event", "PF4XK2M9", "resold", "--date", "2026-09-01"], db)
        let flagged = try flags(db, at: "2026-11-25")
        #expect(Set(flagged.compactMap { $0["serial"] as? String }) == ["PF4XK2L3", "DK1Q0004"])
        let breach = try #require(flagged.first { $0["serial"] as? String == "PF4XK2L3" }?["breaches"] as? [[String: Any]])
        #expect(breach.first?["article"] as? String == "10.2")
        let refused = try Binary.run(["items", "event", "PF4XK2L3", "returned", "--date", "2020-01-01", "--db", db])
        #expect(refused.status != 0 && refused.stderr.contains("cannot come before"))
    }

    @Test func warrantyShowsTheManufacturersWarrantyAndTakesARecordedOne() throws {
        let db = try demo()
        let shown = try #require(try json(try run(["warranty", "7XK2L3M", "--at", "2026-11-25", "--json"], db).stdout)
            as? [String: Any])
        let status = try #require(shown["status"] as? [String: Any])
        #expect(status["manufacturer"] as? String == "Dell")
        #expect(status["state"] as? String == "active")
        let articles = (status["reasons"] as? [[String: Any]] ?? []).compactMap { $0["article"] as? String }
        #expect(articles.contains("18.1"))
        _ = try run(["warranty", "set", "7XK2L3M", "--until", "2026-12-10", "--source", "Dell look-up 2026-11-25"], db)
        let expiring = try #require(try json(try run(["warranty", "expiring", "--within", "30", "--at", "2026-11-25", "--json"], db).stdout)
            as? [[String: Any]])
        #expect(expiring.compactMap { $0["serial"] as? String } == ["7XK2L3M"])
        let html = try run(["warranty", "7XK2L3M", "--format", "html", "--at", "2026-11-25"], db).stdout
        #expect(html.contains("<svg") && html.contains("7XK2L3M") && html.contains("18.1"))
    }
}
