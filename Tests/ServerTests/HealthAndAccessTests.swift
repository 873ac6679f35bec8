import Hummingbird
import HummingbirdTesting
import Testing
@testable import TitleholdServer

/// /health is open to all, whatever credentials come with it; elsewhere a bad token is refused before any route runs.
@Suite struct HealthAndAccessTests {
    @Test func healthNeedsNoTokenAndIgnoresAStaleOne() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer th_revoked_long_ago"]] {
                let response = try await client.execute(uri: "/health", method: .get, headers: headers)
                #expect(response.status == .ok)
                let body = try response.body.json() as? [String: Any]
                #expect(body?["status"] as? String == "ok")
            }
        }
    }

    @Test func anUnknownTokenIsRefusedWithAJSONError() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/api/items/CN0V7R2K", method: .get,
                                                    headers: [.authorization: "Bearer th_wrong"])
            #expect(response.status == .unauthorized)
            let body = try response.body.json() as? [String: Any]
            #expect((body?["error"] as? String)?.contains("not valid") == true)
        }
    }

    @Test func rolesIncludeTheRolesBeforeThem() {
        #expect(Role.admin.allows(.finance) && Role.finance.allows(.intake))
        #expect(!Role.intake.allows(.finance) && !Role.finance.allows(.admin))
    }
}
