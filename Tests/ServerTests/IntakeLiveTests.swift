import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
import TitleholdApp
@testable import TitleholdServer

/// Live intake over HTTP: sessions, scans written before they are acknowledged, the event stream
/// (Server-Sent Events), the refused cases, and scanners bound by control barcodes.
@Suite struct IntakeLiveTests {
    static func post(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    func headers(_ service: TestService, _ role: Role = .intake) -> HTTPFields {
        var h = service.bearer(role)
        h[.contentType] = "application/json"
        return h
    }

    /// `id`, `event`, `data` of each frame of an event stream (comments skipped).
    static func frames(_ text: String) -> [(id: String?, event: String?, data: [String: Any])] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var id: String?, event: String?, data: [String: Any] = [:]
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = String(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") {
                    data = (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any]) ?? [:]
                }
            }
            return event == nil ? nil : (id, event, data)
        }
    }

    @Test func aScanPostedThroughTheAPIArrivesOnTheEventStreamAfterItIsWritten() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let open = try await client.execute(uri: "/api/intake/sessions", method: .post, headers: headers(service),
                                                body: Self.post(#"{"client": "12345678", "agreement": "ORD-LIVE-1"}"#))
            #expect(open.status == .created)
            let session = try #require(try open.body.json() as? [String: Any])
            let id = try #require(session["id"] as? String)
            #expect(session["opened_by"] as? String == "intake-user (token)")

            let listening = Task {
                try await client.execute(uri: "/api/intake/sessions/\(id)/events", method: .get, headers: service.bearer(.intake))
            }
            // The scan is posted only once the stream listens, so it arrives live, not from the history.
            var spins = 0
            while await service.env.intake.subscriberCount(id) == 0, spins < 1_000_000 { spins += 1; await Task.yield() }
            try #require(await service.env.intake.subscriberCount(id) == 1, "the event stream never subscribed")

            let scan = try await client.execute(uri: "/api/intake/sessions/\(id)/scans", method: .post, headers: headers(service),
                                                body: Self.post(#"{"text": "]A0LIVE-0001"}"#))
            #expect(scan.status == .ok)
            let ack = try #require(try scan.body.json() as? [String: Any])
            #expect(ack["status"] as? String == "accepted" && ack["serial"] as? String == "LIVE-0001")
            // Written before the acknowledgement, with who did it.
            #expect(try service.env.ledger.items(serial: "LIVE-0001").map(\.agreement) == ["ORD-LIVE-1"])
            let logged = try service.env.ledger.lastEvents(5).last { $0.action == "item.delivered" }
            #expect(logged?.actor == "intake-user (token)")

            let bad = try await client.execute(uri: "/api/intake/sessions/\(id)/scans", method: .post, headers: headers(service),
                                               body: Self.post(#"{"text": "TH:NOPE"}"#))
            #expect((try bad.body.json() as? [String: Any])?["status"] as? String == "rejected")

            let end = try await client.execute(uri: "/api/intake/sessions/\(id)", method: .delete, headers: service.bearer(.intake))
            #expect(end.status == .ok)

            let stream = try await listening.value
            #expect(stream.status == .ok)
            #expect(stream.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            let frames = Self.frames(String(buffer: stream.body))
            #expect(frames.map(\.event) == ["scan", "scan", "end"])
            #expect(frames.map(\.id) == ["1", "2", "3"])
            #expect(frames.first?.data["status"] as? String == "accepted")
            #expect(frames.first?.data["serial"] as? String == "LIVE-0001")
            #expect(frames.first?.data["accepted"] as? Int == 1)
            #expect(frames[1].data["status"] as? String == "rejected")
            #expect((frames.last?.data["session"] as? [String: Any])?["accepted"] as? Int == 1)

            let gone = try await client.execute(uri: "/api/intake/sessions/\(id)/scans", method: .post, headers: headers(service),
                                                body: Self.post(#"{"text": "]A0LIVE-0002"}"#))
            #expect(gone.status == .notFound)
        }
    }

    @Test func aLateSubscriberGetsTheHistoryAndALastEventIDSkipsWhatItSaw() async throws {
        let service = try TestService()
        let hub = service.env.intake
        let info = try await hub.open(client: "12345678", agreement: "ORD-LIVE-2", scanner: nil, actor: "t", today: service.env.today)
        for text in ["]A0HIST-1", "]A0HIST-2", "TH:END"] { _ = try await hub.scan(text, session: info.id, actor: "t") }
        // TH:END ended the session: it is no longer open.
        #expect(await hub.openSessions().isEmpty)

        let again = try await hub.open(client: "12345678", agreement: "ORD-LIVE-3", scanner: nil, actor: "t", today: service.env.today)
        for text in ["]A0HIST-3", "]A0HIST-4"] { _ = try await hub.scan(text, session: again.id, actor: "t") }
        let stream = try await hub.subscribe(again.id, after: 1)
        try await hub.end(again.id, reason: "test")
        var seen: [Int] = []
        for await event in stream { seen.append(event.sequence) }
        #expect(seen == [2, 3])
    }

    @Test func refusedRequests() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/intake/sessions", method: .post,
                                                     body: Self.post(#"{"client": "1", "agreement": "A"}"#))
            #expect(anonymous.status == .unauthorized)
            let empty = try await client.execute(uri: "/api/intake/sessions", method: .post, headers: headers(service),
                                                 body: Self.post(#"{"client": " ", "agreement": "A"}"#))
            #expect(empty.status == .badRequest)
            let malformed = try await client.execute(uri: "/api/intake/sessions", method: .post, headers: headers(service),
                                                     body: Self.post(#"{"client": 12"#))
            #expect(malformed.status == .badRequest)
            let unknown = try await client.execute(uri: "/api/intake/sessions/nope/events", method: .get, headers: service.bearer(.intake))
            #expect(unknown.status == .notFound)
            #expect((try unknown.body.json() as? [String: Any])?["error"] as? String == "no open intake session nope")

            let first = try await client.execute(uri: "/api/intake/sessions", method: .post, headers: headers(service),
                                                 body: Self.post(#"{"client": "1", "agreement": "A", "scanner": "1-1.2"}"#))
            #expect(first.status == .created)
            let second = try await client.execute(uri: "/api/intake/sessions", method: .post, headers: headers(service, .finance),
                                                  body: Self.post(#"{"client": "2", "agreement": "B", "scanner": "1-1.2"}"#))
            #expect(second.status == .conflict)
            let list = try await client.execute(uri: "/api/intake/sessions", method: .get, headers: service.bearer(.intake))
            #expect((try list.body.json() as? [[String: Any]])?.map { $0["scanner"] as? String } == ["1-1.2"])
        }
    }

    @Test func anUnboundScannerOpensASessionWithClientThenOrderBarcodes() async throws {
        let service = try TestService()
        let hub = service.env.intake
        let today = service.env.today
        let stray = await hub.scannerScan("]A0STRAY-1", scanner: "1-3", today: today)
        #expect(stray?.status == "rejected")
        #expect(await hub.scannerScan("TH:ORDER:ORD-9", scanner: "1-3", today: today)?.status == "rejected")
        #expect(await hub.scannerScan("TH:CLIENT:12345678", scanner: "1-3", today: today)?.status == "client")
        #expect(await hub.scannerScan("TH:ORDER:ORD-SCAN-1", scanner: "1-3", today: today)?.status == "agreement")
        let sessions = await hub.openSessions()
        #expect(sessions.map(\.scanner) == ["1-3"] && sessions.map(\.agreement) == ["ORD-SCAN-1"])
        #expect(await hub.scannerScan("]A0SCAN-1", scanner: "1-3", today: today)?.status == "accepted")
        #expect(try service.env.ledger.items(serial: "SCAN-1").map(\.agreement) == ["ORD-SCAN-1"])
        #expect(try service.env.ledger.items(serial: "STRAY-1").isEmpty)
        #expect(await hub.scannerScan("TH:END", scanner: "1-3", today: today)?.status == "ended")
        #expect(await hub.openSessions().isEmpty)
    }

    @Test func afterShutdownEveryScanIsRefusedAndNothingIsWritten() async throws {
        let service = try TestService()
        let hub = service.env.intake
        let info = try await hub.open(client: "12345678", agreement: "ORD-LIVE-4", scanner: "1-4", actor: "t", today: service.env.today)
        let stream = try await hub.subscribe(info.id)
        await hub.shutdown()
        var events: [IntakeEvent] = []
        for await event in stream { events.append(event) }
        #expect(events.count == 1)
        if case .end(_, let reason, _) = events.first { #expect(reason == "the service is stopping") } else { Issue.record("no end event") }
        await #expect(throws: HTTPError.self) { _ = try await hub.scan("]A0LATE-1", session: info.id, actor: "t") }
        #expect(await hub.scannerScan("]A0LATE-2", scanner: "1-4", today: service.env.today) == nil)
        #expect(try service.env.ledger.items(serial: "LATE-1").isEmpty && service.env.ledger.items(serial: "LATE-2").isEmpty)
    }
}
