import Foundation
import TestSupport
import Testing

/// Bootstrapping access from the command line (issue 6): the first admin, a token; and the
/// export and erasure of a client's personal data (art. 30).
@Suite(.removesTemporaryFolders) struct UsersCommandTests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func addTheFirstAdminAndMakeAToken() throws {
        let db = try Binary.temporaryDatabase()
        let empty = try Binary.run(["users", "list", "--db", db])
        #expect(empty.status == 0 && empty.stdout.contains("no users yet"))

        let added = try Binary.run(["users", "add", "boss", "--role", "admin", "--password-stdin", "--db", db],
                                   stdin: "a long passphrase\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("user boss added with role admin"))
        let twice = try Binary.run(["users", "add", "boss", "--role", "intake", "--password-stdin", "--db", db],
                                   stdin: "another passphrase\n")
        #expect(twice.status != 0 && twice.stderr.contains("there is a user 'boss' already"))
        let short = try Binary.run(["users", "add", "clerk", "--role", "intake", "--password-stdin", "--db", db], stdin: "short\n")
        #expect(short.status != 0 && short.stderr.contains("at least 10 characters"))
        let badRole = try Binary.run(["users", "add", "clerk", "--role", "root", "--password-stdin", "--db", db],
                                     stdin: "a long passphrase\n")
        #expect(badRole.status != 0)

        let list = try Binary.run(["users", "list", "--db", db])
        #expect(list.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(2).joined(separator: " ") } == ["boss admin"])

        let created = try Binary.run(["tokens", "create", "--user", "boss", "--label", "ci", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        let lines = created.stdout.split(separator: "\n").map(String.init)
        let token = try #require(lines.first { $0.hasPrefix("th_") })
        #expect(token.count > 40)
        #expect(created.stdout.contains("Authorization: Bearer \(token)"))
        let id = try #require(lines.first?.split(separator: " ").dropFirst().first.map(String.init))

        let nobody = try Binary.run(["tokens", "create", "--user", "ghost", "--db", db])
        #expect(nobody.status != 0 && nobody.stderr.contains("no user 'ghost'"))
        #expect(try Binary.run(["tokens", "revoke", id, "--db", db]).status == 0)
        let again = try Binary.run(["tokens", "revoke", id, "--db", db])
        #expect(again.status != 0 && again.stderr.contains("no active token \(id)"))
        #expect(try Binary.run(["audit", "verify", "--db", db]).status == 0)
    }

    @Test func exportThenEraseAClient() throws {
        let db = try Binary.temporaryDatabase()
        #expect(try Binary.run(["demo", "--db", db]).status == 0)
        let export = try Binary.run(["clients", "export", "23456789", "--db", db])
        #expect(export.status == 0, "\(export.stderr)")
        let before = try #require(try json(export.stdout) as? [String: Any])
        #expect((before["client"] as? [String: Any])?["name"] as? String == "Installatiebedrijf Van Dijk B.V.")
        #expect((before["payments"] as? [[String: Any]])?.first?["debtor_iban"] as? String == "NL20INGB0001234567")

        let plan = try Binary.run(["clients", "erase", "23456789", "--db", db])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("would erase") && plan.stdout.contains("nothing was changed"))
        #expect(try Binary.run(["clients", "export", "23456789", "--db", db]).stdout.contains("Industrieweg"))

        let erase = try Binary.run(["clients", "erase", "23456789", "--yes", "--db", db])
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(erase.stdout.contains("erased") && erase.stdout.contains("payer name and account on 1 payment(s)"))
        let after = try #require(try json(try Binary.run(["clients", "export", "23456789", "--db", db]).stdout) as? [String: Any])
        #expect((after["client"] as? [String: Any])?["name"] == nil)
        let invoices = try #require(after["invoices"] as? [[String: Any]])
        #expect(Set(invoices.compactMap { $0["number"] as? String }) == ["INV-2026-0142", "INV-2026-0160"])
        let events = try #require(after["events"] as? [[String: Any]])
        let erased = try #require(events.last { $0["action"] as? String == "client.erased" })
        #expect((erased["actor"] as? String)?.hasSuffix("(cli)") == true)
        let noop = try Binary.run(["clients", "erase", "23456789", "--yes", "--db", db])
        #expect(noop.stdout.contains("nothing to erase (erased before)"))
        #expect(try Binary.run(["audit", "verify", "--db", db]).status == 0)
    }
}
