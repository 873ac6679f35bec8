import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TitleholdServer

/// `/metrics` in Prometheus text format: the counters move with scans and requests; access as configured.
@Suite struct ServiceMetricsTests {
    /// The value of the sample line `name{labels}` (labels in the registry's order), or nil.
    static func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func countsScansSessionsAndRequestLatencies() async throws {
        let service = try TestService()
        var env = service.env
        env.metricsOpen = true
        let application = Application(router: TitleholdServer.router(env))
        try await application.test(.router) { client in
            let before = try await client.execute(uri: "/metrics", method: .get)
            #expect(before.status == .ok)
            #expect(before.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(Self.sample(String(buffer: before.body), #"titlehold_scans_total{status="accepted"}"#) == 0)

            var headers = service.bearer(.intake)
            headers[.contentType] = "application/json"
            let open = try await client.execute(uri: "/api/intake/sessions", method: .post, headers: headers,
                                                body: ByteBuffer(string: #"{"client": "12345678", "agreement": "ORD-M"}"#))
            let id = try #require((try open.body.json() as? [String: Any])?["id"] as? String)
            for text in ["]A0MET-1", "]A0MET-2", "TH:BOGUS"] {
                _ = try await client.execute(uri: "/api/intake/sessions/\(id)/scans", method: .post, headers: headers,
                                             body: ByteBuffer(string: #"{"text": "\#(text)"}"#))
            }
            let after = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(Self.sample(after, #"titlehold_scans_total{status="accepted"}"#) == 2)
            #expect(Self.sample(after, #"titlehold_scans_total{status="rejected"}"#) == 1)
            #expect(Self.sample(after, "titlehold_intake_sessions_open") == 1)
            #expect(Self.sample(after, "titlehold_scanners_attached") == 0)
            let route = #"route="/api/intake/sessions/{id}/scans",method="POST",status="200""#
            #expect(Self.sample(after, "titlehold_http_request_duration_seconds_count{\(route)}") == 3)
            #expect(after.contains("# TYPE titlehold_http_request_duration_seconds histogram"))
        }
    }

    @Test func importsAreCountedByKindAndStatus() {
        let metrics = ServiceMetrics()
        metrics.imported(kind: "invoices", status: 200)
        metrics.imported(kind: "invoices", status: 200)
        metrics.imported(kind: "payments", status: 400)
        let text = metrics.text()
        #expect(Self.sample(text, #"titlehold_imports_total{kind="invoices",status="200"}"#) == 2)
        #expect(Self.sample(text, #"titlehold_imports_total{kind="payments",status="400"}"#) == 1)
    }

    @Test func metricsNeedAnAdminUnlessOpen() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let anonymous = try await client.execute(uri: "/metrics", method: .get)
            let finance = try await client.execute(uri: "/metrics", method: .get, headers: service.bearer(.finance))
            let admin = try await client.execute(uri: "/metrics", method: .get, headers: service.bearer(.admin))
            let health = try await client.execute(uri: "/health", method: .get)
            let bench = try await client.execute(uri: "/bench/hello", method: .get)
            #expect(anonymous.status == .unauthorized && finance.status == .forbidden && admin.status == .ok)
            #expect(health.status == .ok)
            #expect(bench.status == .notFound, "the benchmark route exists only with bench_routes = 1")
        }
    }
}

