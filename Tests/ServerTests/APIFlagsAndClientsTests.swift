import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
@testable import TitleholdServer

/// The flags board and a client's status: the scenarios of the CLI's decision tests, over HTTP.
@Suite struct APIFlagsAndClientsTests {
    @Test func aClientInDefaultHasItsItemsFlaggedWithANullBlockedUntil() async throws {
        let service = try TestService()
        try await service.api { api in
            let none = try await api.call(.get, "/api/flags", as: .finance)
            #expect(none.status == .ok && none.array.isEmpty)
        }
        try service.putClientInDefault()
        try await service.api { api in
            let flagged = try await api.call(.get, "/api/flags?at=2026-08-18", as: .finance)
            #expect(Set(flagged.array.compactMap { $0["serial"] as? String }) == ["PF4XK2L3", "PF4XK2M9", "DK1Q0004"])
            for flag in flagged.array {
                #expect(flag["client"] as? String == "23456789")
                #expect(flag["blocked_until"] is NSNull)
                let reasons = flag["reasons"] as? [Any] ?? []
                let articles = reasons.compactMap { ($0 as? [String: Any])?["article"] as? String }
                #expect(articles.contains("10.1") && articles.contains("10.3, 13.4"), "\(reasons.map { type(of: $0) })")
            }
            let before = try await api.call(.get, "/api/flags?at=2026-08-17", as: .finance)
            #expect(before.array.isEmpty)
            let bad = try await api.call(.get, "/api/flags?at=tomorrow", as: .finance)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func aBankruptcyWithCoolingOffIsRecordedAndBlocksThePickup() async throws {
        let service = try TestService()
        try await service.api { api in
            let recorded = try await api.call(.post, "/api/clients/23456789/status", as: .finance, json: """
                {"status": "bankrupt", "since": "2026-11-02", "cooling_off_until": "2026-12-31", "note": "Rb. Overijssel"}
                """)
            #expect(recorded.status == .created)
            #expect(recorded.object["current"] as? String == "bankrupt")
            let entry = (recorded.object["statuses"] as? [[String: Any]])?.first
            #expect(entry?["cooling_off_until"] as? String == "2026-12-31")
            #expect(try service.env.ledger.lastEvents(1).first?.command == "api POST /api/clients/{id}/status")

            let flagged = try await api.call(.get, "/api/flags?at=2026-11-25", as: .finance)
            #expect(flagged.array.count == 3)
            #expect(flagged.array.allSatisfy { $0["blocked_until"] as? String == "2027-01-01" })

            // More than 2 months (art. 63a Fw) is refused and nothing is stored.
            let refused = try await api.call(.post, "/api/clients/23456789/status", as: .finance,
                                             json: #"{"status": "bankrupt", "since": "2026-11-02", "cooling_off_until": "2027-06-30"}"#)
            #expect(refused.status == .unprocessableContent && refused.error.contains("63a"))
            let shown = try await api.call(.get, "/api/clients/23456789/status", as: .finance)
            #expect(shown.status == .ok)
            #expect((shown.object["statuses"] as? [Any])?.count == 1)
        }
    }

    @Test func aClientWithoutStatusIsNormalWithNullsWhereNothingWasGiven() async throws {
        let service = try TestService()
        try await service.api { api in
            let shown = try await api.call(.get, "/api/clients/23456789/status", as: .finance)
            #expect(shown.object["current"] as? String == "normal")
            #expect((shown.object["statuses"] as? [Any])?.isEmpty == true)
            let difficulties = try await api.call(.post, "/api/clients/23456789/status", as: .finance, json: #"{"status": "difficulties"}"#)
            let entry = (difficulties.object["statuses"] as? [[String: Any]])?.first
            #expect(entry?["since"] as? String == "2026-11-25")
            #expect(entry?["cooling_off_until"] is NSNull && entry?["note"] is NSNull)
        }
    }

    @Test func aTaxNoticeIsRecordedOnceForAKnownClient() async throws {
        let service = try TestService()
        try await service.api { api in
            let notice = try await api.call(.post, "/api/clients/23456789/tax-notices", as: .finance, json: #"{"sent": "2026-11-20"}"#)
            #expect(notice.status == .created)
            #expect(notice.object["tax_notices"] as? [String] == ["2026-11-20"])
            let again = try await api.call(.post, "/api/clients/23456789/tax-notices", as: .finance, json: #"{"sent": "2026-11-20"}"#)
            #expect(again.status == .unprocessableContent && again.error.contains("already recorded"))
            let missing = try await api.call(.post, "/api/clients/23456789/tax-notices", as: .finance, json: #"{"note": "x"}"#)
            #expect(missing.status == .badRequest && missing.error.contains("'sent'"))
        }
    }

    @Test func anUnknownClientIs404AndABadStatus400() async throws {
        let service = try TestService()
        try await service.api { api in
            let get = try await api.call(.get, "/api/clients/99999999/status", as: .finance)
            #expect(get.status == .notFound && get.error.contains("99999999"))
            let post = try await api.call(.post, "/api/clients/99999999/status", as: .finance, json: #"{"status": "bankrupt"}"#)
            #expect(post.status == .notFound)
            let notice = try await api.call(.post, "/api/clients/99999999/tax-notices", as: .finance, json: #"{"sent": "2026-11-20"}"#)
            #expect(notice.status == .notFound)
            let status = try await api.call(.post, "/api/clients/23456789/status", as: .finance, json: #"{"status": "broke"}"#)
            #expect(status.status == .badRequest && status.error.contains("surseance"))
            let date = try await api.call(.post, "/api/clients/23456789/status", as: .finance,
                                          json: #"{"status": "bankrupt", "since": "2 november"}"#)
            #expect(date.status == .badRequest && date.error.contains("'since'"))
            let form = try await api.call(.post, "/api/clients/23456789/status", as: .finance, json: "status=bankrupt",
                                          contentType: "text/plain")
            #expect(form.status == .unsupportedMediaType)
        }
    }
}
