import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
@testable import TitleholdServer

/// Dunning, interest and letters on the demo ledger (today 2026-11-25), as the CLI shows them.
@Suite struct APIDunningTests {
    @Test func dunningListsTheOpenInvoicesWithANullNextStepWhenThereIsNone() async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.get, "/api/dunning?at=2026-11-25", as: .finance)
            #expect(response.status == .ok)
            let rows = Dictionary(uniqueKeysWithValues: response.array.map { ($0["invoice"] as? String ?? "", $0) })
            #expect(Set(rows.keys) == ["INV-2020-0042", "INV-2026-0188", "INV-2026-0142", "INV-2026-0160"])
            #expect(rows["INV-2026-0142"]?["next_step"] as? String == "reminder1")
            #expect(rows["INV-2026-0142"]?["costs_cents"] as? Int == 23234)
            #expect(rows["INV-2020-0042"]?["next_step"] is NSNull)
            #expect(rows["INV-2020-0042"]?["next_step_on"] is NSNull)
            let one = try await api.call(.get, "/api/dunning?client=23456789", as: .finance)
            #expect(Set(one.array.compactMap { $0["invoice"] as? String }) == ["INV-2026-0142", "INV-2026-0160"])
        }
    }

    @Test func dunningRefusesABadDateAndAnUnknownClient() async throws {
        let service = try TestService()
        try await service.api { api in
            let date = try await api.call(.get, "/api/dunning?at=25-11-2026", as: .finance)
            #expect(date.status == .badRequest && date.error.contains("'at'"))
            let client = try await api.call(.get, "/api/dunning?client=99999999", as: .finance)
            #expect(client.status == .notFound && client.error.contains("99999999"))
        }
    }

    @Test func interestShowsThePeriodsAndTheCosts() async throws {
        let service = try TestService()
        try await service.api { api in
            let report = try await api.call(.get, "/api/invoices/INV-2026-0142/interest?at=2026-11-25", as: .finance)
            #expect(report.status == .ok)
            #expect(report.object["article"] as? String == "6:119a BW")
            #expect(!(report.object["periods"] as? [Any] ?? []).isEmpty)
            #expect((report.object["costs"] as? [String: Any])?["scale_cents"] as? Int == 23234)
            let unknown = try await api.call(.get, "/api/invoices/NOPE-1/interest", as: .finance)
            #expect(unknown.status == .notFound && unknown.error.contains("NOPE-1"))
            let early = try await api.call(.get, "/api/invoices/INV-2026-0142/interest?at=2020-01-01", as: .finance)
            #expect(early.status == .unprocessableContent && early.error.contains("not issued yet"))
        }
    }

    @Test func lettersSendWritesIntoTheLettersFolderBesideTheDatabaseAndRecordsThem() async throws {
        let service = try TestService()
        try await service.api { api in
            let sent = try await api.call(.post, "/api/letters/send", as: .finance, json: #"{"at": "2026-11-25"}"#)
            #expect(sent.status == .ok)
            #expect(sent.array.count == 2)
            let vanDijk = try #require(sent.array.first { $0["client"] as? String == "23456789" })
            #expect(vanDijk["invoices"] as? [String] == ["INV-2026-0142", "INV-2026-0160"])
            #expect(vanDijk["term_ends_on"] as? String == "2026-12-09")
            let text = try #require(vanDijk["text"] as? String)
            #expect(text.hasPrefix(service.folder.appendingPathComponent("letters").path))
            #expect(try String(contentsOfFile: text, encoding: .utf8).contains("INV-2026-0142"))
            let event = try service.env.ledger.lastEvents(1).first
            #expect(event?.command == "api POST /api/letters/send" && event?.actor == "finance-user (token)")

            let after = try await api.call(.get, "/api/dunning?at=2026-11-25&client=23456789", as: .finance)
            #expect(after.array.first { $0["invoice"] as? String == "INV-2026-0142" }?["step"] as? String == "reminder1_sent")
            // An empty body means today; nothing more is due.
            let again = try await api.call(.post, "/api/letters/send", as: .finance)
            #expect(again.status == .ok && again.array.isEmpty)
        }
    }

    @Test func aLetterSentOutsideIsRecordedOnceAndRefusedWhenItCannotBe() async throws {
        let service = try TestService()
        try await service.api { api in
            let body = #"{"invoice": "INV-2026-0142", "step": "reminder1", "sent": "2026-07-20"}"#
            let recorded = try await api.call(.post, "/api/letters", as: .finance, json: body)
            #expect(recorded.status == .created)
            #expect(recorded.object["step"] as? String == "reminder1")
            #expect(try service.env.ledger.lastEvents(1).first?.command == "api POST /api/letters")
            let again = try await api.call(.post, "/api/letters", as: .finance, json: body)
            #expect(again.status == .unprocessableContent && again.error.contains("already recorded"))
            let unknown = try await api.call(.post, "/api/letters", as: .finance,
                                             json: #"{"invoice": "NOPE-1", "step": "reminder2", "sent": "2026-07-20"}"#)
            #expect(unknown.status == .notFound && unknown.error.contains("NOPE-1"))
            let step = try await api.call(.post, "/api/letters", as: .finance,
                                          json: #"{"invoice": "INV-2026-0142", "step": "summons", "sent": "2026-07-20"}"#)
            #expect(step.status == .badRequest && step.error.contains("'step'") && step.error.contains("notice_of_default"))
            let missing = try await api.call(.post, "/api/letters", as: .finance, json: #"{"invoice": "INV-2026-0142", "step": "reminder2"}"#)
            #expect(missing.status == .badRequest && missing.error.contains("'sent'"))
        }
    }

    @Test func theLettersFolderComesFromTheEnvironmentFirst() throws {
        let service = try TestService()
        #expect(DunningAPI.lettersDirectory(service.env, environment: ["TITLEHOLD_LETTERS_DIR": "/srv/letters"]).path == "/srv/letters")
        #expect(DunningAPI.lettersDirectory(service.env, environment: [:]).path
            == service.folder.appendingPathComponent("letters").path)
    }
}
