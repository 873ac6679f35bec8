import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
@testable import TitleholdServer

/// Pickups over HTTP on the demo ledger with client 23456789 in default: notice, plan, calendar,
/// manifest, scanning at the door, closing and the credit-note list.
@Suite struct APIPickupsTests {
    /// Notice sent and plan made on 2026-11-25; returns the visit id.
    func planned(_ service: TestService, _ api: APIClient) async throws -> String {
        let before = try await api.call(.post, "/api/pickups/plan", as: .finance, json: #"{"from": "2026-11-25"}"#)
        #expect(before.status == .ok)
        #expect((before.object["visits"] as? [Any])?.isEmpty == true, "no notice sent yet")
        #expect((before.object["needs_notice"] as? [[String: Any]])?.first?["client_id"] != nil)
        let notices = try await api.call(.post, "/api/pickups/notices", as: .finance, json: #"{"at": "2026-11-25"}"#)
        #expect(notices.status == .ok)
        #expect(notices.object["notices"] as? Int == 1)
        let files = notices.object["files"] as? [String] ?? []
        #expect(files.count == 2 && files.allSatisfy { $0.hasPrefix(service.folder.appendingPathComponent("letters").path) })
        let text = try #require(files.first { $0.hasSuffix(".txt") })
        #expect(try String(contentsOfFile: text, encoding: .utf8).contains("PF4XK2L3"))

        let plan = try await api.call(.post, "/api/pickups/plan", as: .finance, json: #"{"from": "2026-11-25", "days": 14}"#)
        let visits = plan.object["visits"] as? [[String: Any]] ?? []
        #expect(visits.count == 1)
        let visit = try #require(visits.first)
        #expect(visit["date"] as? String == "2026-11-30")
        #expect(visit["start"] as? String == "2026-11-30T09:00:00+01:00")
        #expect(Set(visit["serials"] as? [String] ?? []) == ["PF4XK2L3", "PF4XK2M9", "DK1Q0004"])
        #expect(try service.env.ledger.lastEvents(1).first?.command == "api POST /api/pickups/plan")
        return try #require(visit["id"] as? String)
    }

    @Test func aVisitIsPlannedListedAndExportedAsICalendar() async throws {
        let service = try TestService()
        try service.putClientInDefault()
        try await service.api { api in
            let id = try await planned(service, api)
            let list = try await api.call(.get, "/api/pickups", as: .finance)
            #expect(list.array.first?["id"] as? String == id)
            #expect(list.array.first?["state"] as? String == "planned")
            #expect(list.array.first?["outcome"] is NSNull)
            let calendar = try await api.call(.get, "/api/pickups.ics", as: .finance)
            #expect(calendar.status == .ok)
            #expect(calendar.contentType?.hasPrefix("text/calendar") == true)
            #expect(calendar.text.contains("UID:visit-\(id)@titlehold"))
            #expect(calendar.text.contains("DTSTART;TZID=Europe/Amsterdam:20261130T090000"))
        }
    }

    @Test func theManifestComesAsTextOrHTML() async throws {
        let service = try TestService()
        try service.putClientInDefault()
        try await service.api { api in
            let id = try await planned(service, api)
            let text = try await api.call(.get, "/api/pickups/\(id)/manifest", as: .finance)
            #expect(text.status == .ok && text.contentType?.hasPrefix("text/plain") == true && text.text.contains("PF4XK2M9"))
            let html = try await api.call(.get, "/api/pickups/\(id)/manifest?format=html", as: .finance)
            #expect(html.contentType?.hasPrefix("text/html") == true && html.text.contains("<svg"))
            let pdf = try await api.call(.get, "/api/pickups/\(id)/manifest?format=pdf", as: .finance)
            #expect(pdf.status == .badRequest && pdf.error.contains("'format'"))
            let unknown = try await api.call(.get, "/api/pickups/nope/manifest", as: .finance)
            #expect(unknown.status == .notFound && unknown.error.contains("nope"))
        }
    }

    @Test func scanningAtTheDoorRepossessesWhatIsOnTheManifestAndEndClosesTheVisit() async throws {
        let service = try TestService()
        try service.putClientInDefault()
        try await service.api { api in
            let id = try await planned(service, api)
            func scan(_ text: String) async throws -> APIResponse {
                try await api.call(.post, "/api/pickups/\(id)/scans", as: .finance, json: #"{"text": "\#(text)"}"#)
            }
            let first = try await scan("PF4XK2L3")
            #expect(first.object["status"] as? String == "accepted" && first.object["accepted"] as? Int == 1)
            #expect(try service.env.ledger.lastEvents(1).first?.command == "api POST /api/pickups/{visit}/scans")
            let stranger = try await scan("NOT-ON-LIST")
            #expect(stranger.object["status"] as? String == "rejected")
            #expect((stranger.object["message"] as? String)?.contains("not on the manifest") == true)
            _ = try await scan("DK1Q0004")
            let end = try await scan("TH:END")
            #expect(end.object["status"] as? String == "ended")

            let list = try await api.call(.get, "/api/pickups", as: .finance)
            let visit = try #require(list.array.first { $0["id"] as? String == id })
            #expect(visit["state"] as? String == "closed" && visit["outcome"] as? String == "some-not-found")
            #expect(visit["collected"] as? [String] == ["DK1Q0004", "PF4XK2L3"])
            let credit = try await api.call(.get, "/api/pickups/credit-notes", as: .finance)
            #expect(Set(credit.array.compactMap { $0["serial"] as? String }) == ["PF4XK2L3", "DK1Q0004"])
            #expect(credit.array.allSatisfy { $0["invoice"] as? String == "INV-2026-0142" })

            let closed = try await scan("PF4XK2M9")
            #expect(closed.status == .unprocessableContent && closed.error.contains("closed"))
        }
    }

    @Test func aVisitIsClosedWhenAccessIsRefusedAndItsItemsStayFlagged() async throws {
        let service = try TestService()
        try service.putClientInDefault()
        try await service.api { api in
            let id = try await planned(service, api)
            let bad = try await api.call(.post, "/api/pickups/\(id)/close", as: .finance, json: #"{"outcome": "gave-up"}"#)
            #expect(bad.status == .badRequest && bad.error.contains("access-refused"))
            let closed = try await api.call(.post, "/api/pickups/\(id)/close", as: .finance,
                                            json: #"{"outcome": "access-refused", "note": "gate locked"}"#)
            #expect(closed.status == .ok)
            #expect(closed.object["state"] as? String == "closed" && closed.object["note"] as? String == "gate locked")
            #expect(closed.object["closed_on"] as? String == "2026-11-25")
            let again = try await api.call(.post, "/api/pickups/\(id)/close", as: .finance, json: #"{"outcome": "all-collected"}"#)
            #expect(again.status == .unprocessableContent)
            let unknown = try await api.call(.post, "/api/pickups/nope/close", as: .finance, json: #"{"outcome": "all-collected"}"#)
            #expect(unknown.status == .notFound)
            let flagged = try await api.call(.get, "/api/flags", as: .finance)
            #expect(flagged.array.count == 3)
        }
    }

    @Test(arguments: [#"{"days": 0}"#, #"{"days": 400}"#, #"{"from": "30-11-2026"}"#, #"{"days": "two weeks"}"#])
    func aBadPlanRequestIs400(json: String) async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.post, "/api/pickups/plan", as: .finance, json: json)
            #expect(response.status == .badRequest)
            #expect(response.error.contains("'days'") || response.error.contains("'from'"), "\(response.error)")
        }
    }

    @Test func aScanNeedsItsTextAndAnUnknownVisitIs404() async throws {
        let service = try TestService()
        try await service.api { api in
            let empty = try await api.call(.post, "/api/pickups/nope/scans", as: .finance, json: #"{"text": ""}"#)
            #expect(empty.status == .badRequest && empty.error.contains("'text'"))
            let missing = try await api.call(.post, "/api/pickups/nope/scans", as: .finance, json: #"{"serial": "X"}"#)
            #expect(missing.status == .badRequest && missing.error.contains("'text'"))
            let unknown = try await api.call(.post, "/api/pickups/nope/scans", as: .finance, json: #"{"text": "PF4XK2L3"}"#)
            #expect(unknown.status == .notFound)
            let none = try await api.call(.get, "/api/pickups/credit-notes", as: .finance)
            #expect(none.status == .ok && none.array.isEmpty)
        }
    }
}
