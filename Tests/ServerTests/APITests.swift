import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import TitleholdCore
import Testing
@testable import TitleholdServer

/// A response of the JSON API, already checked against the OpenAPI document.
struct APIResponse {
    var status: HTTPResponse.Status
    var contentType: String?
    var text: String

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    /// The message of an error response.
    var error: String { object["error"] as? String ?? "" }
}

/// Calls the API as a role (or as nobody) and checks every response against `openapi.yaml`:
/// its status is documented for the path and method, and its body fits the schema.
struct APIClient {
    let client: any TestClientProtocol
    let service: TestService

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, as role: Role? = .admin, json: String? = nil,
              body: ByteBuffer? = nil, contentType: String? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        var headers: HTTPFields = role.map { service.bearer($0) } ?? [:]
        if let type = contentType ?? (json == nil ? nil : "application/json") { headers[.contentType] = type }
        let payload = body ?? json.map { ByteBuffer(string: $0) }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: payload)
        let result = APIResponse(status: response.status, contentType: response.headers[.contentType],
                                 text: String(buffer: response.body))
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        let problems = OpenAPISpec.violations(method: method.rawValue, path: path, status: Int(response.status.code),
                                              contentType: result.contentType, body: Data(result.text.utf8))
        #expect(problems.isEmpty, "\(method) \(uri): \(problems) — body: \(result.text.prefix(300))", sourceLocation: sourceLocation)
        if response.status.code >= 400 {
            #expect(!result.error.isEmpty, "\(method) \(uri): an error without a message", sourceLocation: sourceLocation)
        }
        return result
    }
}

extension TestService {
    /// Runs `body` against the router with a checking client.
    func api(_ body: @escaping @Sendable (APIClient) async throws -> Void) async throws {
        try await application.test(.router) { client in try await body(APIClient(client: client, service: self)) }
    }

    /// Reminders recorded for INV-2026-0142 put client 23456789 in default from 2026-08-18.
    func putClientInDefault() throws {
        try env.ledger.recordLetters([
            SentLetter(invoice: "INV-2026-0142", kind: .reminder1, sentOn: Day(iso: "2026-07-20")!, origin: .external),
            SentLetter(invoice: "INV-2026-0142", kind: .reminder2, sentOn: Day(iso: "2026-08-10")!, origin: .external),
        ], context: ChangeContext(command: "test"))
    }
}

/// Every endpoint of the API refuses a request without a token (401) and one from a role below
/// the one it needs (403), before reading the body or touching the ledger.
@Suite struct APIAccessTests {
    /// (method, path, role needed)
    static let endpoints: [(HTTPRequest.Method, String, Role)] = [
        (.get, "/api/items", .intake), (.get, "/api/items/7XK2L3M", .intake), (.get, "/api/items/7XK2L3M/warranty", .intake),
        (.put, "/api/items/7XK2L3M/warranty", .finance), (.post, "/api/items/7XK2L3M/events", .finance),
        (.get, "/api/warranty/expiring", .intake), (.post, "/api/invoices", .finance), (.post, "/api/payments", .finance),
        (.get, "/api/payments/unmatched", .finance), (.get, "/api/dunning", .finance),
        (.get, "/api/invoices/INV-2026-0142/interest", .finance), (.post, "/api/letters/send", .finance),
        (.post, "/api/letters", .finance), (.get, "/api/flags", .finance), (.get, "/api/clients/23456789/status", .finance),
        (.post, "/api/clients/23456789/status", .finance), (.post, "/api/clients/23456789/tax-notices", .finance),
        (.post, "/api/pickups/plan", .finance), (.get, "/api/pickups", .finance), (.get, "/api/pickups.ics", .finance),
        (.get, "/api/pickups/v1/manifest", .finance), (.post, "/api/pickups/v1/scans", .finance),
        (.post, "/api/pickups/v1/close", .finance), (.post, "/api/pickups/notices", .finance),
        (.get, "/api/pickups/credit-notes", .finance), (.get, "/api/audit/verify", .admin),
    ]

    @Test func withoutATokenEveryEndpointAnswers401() async throws {
        let service = try TestService()
        try await service.api { api in
            for (method, path, _) in Self.endpoints {
                let response = try await api.call(method, path, as: nil, json: "{}")
                #expect(response.status == .unauthorized, "\(method) \(path)")
                #expect(response.error.contains("bearer token"), "\(method) \(path): \(response.error)")
            }
        }
    }

    @Test func aRoleBelowTheOneNeededGets403NamingTheRole() async throws {
        let service = try TestService()
        try await service.api { api in
            for (method, path, needed) in Self.endpoints where needed != .intake {
                let below: Role = needed == .admin ? .finance : .intake
                let response = try await api.call(method, path, as: below, json: "{}")
                #expect(response.status == .forbidden, "\(method) \(path)")
                #expect(response.error.contains(needed.rawValue), "\(method) \(path): \(response.error)")
            }
        }
    }

    /// The table above covers every /api route this part registers.
    @Test func theTableCoversEveryRouteOfThisPart() throws {
        let service = try TestService()
        let mine = Set(TitleholdServer.router(service.env).routes.map { "\($0.method.rawValue) \($0.path.description)" }
            .filter { $0.contains(" /api/") && !$0.contains("/api/intake/") && !$0.contains("/api/users")
                && !$0.contains("/api/tokens") && !$0.hasSuffix("/export") && !$0.hasSuffix("/erase") })
        let tabled = Set(Self.endpoints.map { method, path, _ in
            let template = OpenAPISpec.template(for: path) ?? path
            return "\(method.rawValue) \(template)"
        })
        #expect(mine == tabled, "missing: \(mine.subtracting(tabled).sorted()); extra: \(tabled.subtracting(mine).sorted())")
    }
}

/// Items, ownership and warranty on the demo ledger (today 2026-11-25).
@Suite struct APIItemsTests {
    @Test func anItemShowsItsOwnerWithReasons() async throws {
        let service = try TestService()
        try await service.api { api in
            let owned = try await api.call(.get, "/api/items/PF4XK2L3?at=2026-11-25", as: .intake)
            #expect(owned.status == .ok)
            #expect(owned.object["serial"] as? String == "PF4XK2L3")
            #expect(owned.object["owner"] as? String == "supplier")
            #expect(owned.object["client"] as? String == "23456789")
            let articles = (owned.object["reasons"] as? [[String: Any]] ?? []).compactMap { $0["article"] as? String }
            #expect(!articles.isEmpty)
            let byInvoice = try await api.call(.get, "/api/items/PF4XK2L3?scope=invoice", as: .intake)
            #expect(byInvoice.object["scope"] as? String == "invoice")
        }
    }

    @Test func itemsListFiltersByClientAndOwner() async throws {
        let service = try TestService()
        try await service.api { api in
            let all = try await api.call(.get, "/api/items", as: .intake)
            #expect(all.status == .ok && all.array.count > 3)
            let client = try await api.call(.get, "/api/items?client=23456789&owner=supplier&at=2026-11-25", as: .intake)
            #expect(!client.array.isEmpty)
            #expect(client.array.allSatisfy { $0["client"] as? String == "23456789" && $0["owner"] as? String == "supplier" })
            #expect(client.array.count < all.array.count)
        }
    }

    @Test(arguments: [
        ("/api/items?at=2026-13-01", "'at'"), ("/api/items?owner=nobody", "'owner'"), ("/api/items/PF4XK2L3?at=yesterday", "'at'"),
        ("/api/items/PF4XK2L3?scope=world", "'scope'"), ("/api/warranty/expiring?within=-1", "'within'"),
        ("/api/warranty/expiring?within=ten", "'within'"), ("/api/items/7XK2L3M/warranty?at=2026-02-30", "'at'"),
    ])
    func aBadQueryParameterIs400NamingIt(uri: String, named: String) async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.get, uri, as: .intake)
            #expect(response.status == .badRequest)
            #expect(response.error.contains(named), "\(response.error)")
        }
    }

    @Test func anUnknownSerialIs404() async throws {
        let service = try TestService()
        try await service.api { api in
            for uri in ["/api/items/NO-SUCH-SERIAL", "/api/items/NO-SUCH-SERIAL/warranty"] {
                let response = try await api.call(.get, uri, as: .intake)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.error.contains("NO-SUCH-SERIAL"))
            }
            let put = try await api.call(.put, "/api/items/NO-SUCH-SERIAL/warranty", as: .finance,
                                         json: #"{"until": "2027-01-01", "source": "Dell look-up"}"#)
            #expect(put.status == .notFound)
            let event = try await api.call(.post, "/api/items/NO-SUCH-SERIAL/events", as: .finance, json: #"{"kind": "returned"}"#)
            #expect(event.status == .notFound)
        }
    }

    @Test func warrantyIsShownAndARecordedOneMakesItExpire() async throws {
        let service = try TestService()
        try await service.api { api in
            let shown = try await api.call(.get, "/api/items/7XK2L3M/warranty?at=2026-11-25", as: .intake)
            #expect(shown.status == .ok)
            let status = shown.object["status"] as? [String: Any] ?? [:]
            #expect(status["manufacturer"] as? String == "Dell" && status["state"] as? String == "active")

            let set = try await api.call(.put, "/api/items/7XK2L3M/warranty", as: .finance,
                                         json: #"{"until": "2026-12-10", "source": "Dell look-up 2026-11-25"}"#)
            #expect(set.status == .ok)
            #expect((set.object["status"] as? [String: Any])?["end"] as? String == "2026-12-10")
            let expiring = try await api.call(.get, "/api/warranty/expiring?within=30&at=2026-11-25", as: .intake)
            #expect(expiring.array.compactMap { $0["serial"] as? String } == ["7XK2L3M"])

            let event = try service.env.ledger.lastEvents(1).first
            #expect(event?.command == "api PUT /api/items/{serial}/warranty")
            #expect(event?.actor == "finance-user (token)")
        }
    }

    @Test(arguments: [
        (#"{"source": "x"}"#, "'until'"), (#"{"until": "2026-12-32", "source": "x"}"#, "'until'"),
        (#"{"until": "2026-12-10", "source": "  "}"#, "'source'"), (#"{"until": 20261210, "source": "x"}"#, "'until'"),
        (#"{"until": "2026-12-10", "source": "x""#, "not valid JSON"), (#"["2026-12-10"]"#, "not a JSON object"),
        ("", "JSON body"),
    ])
    func aBadWarrantyBodyIs400NamingTheField(json: String, named: String) async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.put, "/api/items/7XK2L3M/warranty", as: .finance, json: json)
            #expect(response.status == .badRequest)
            #expect(response.error.contains(named), "\(response.error)")
        }
    }

    @Test func aJSONBodyOfAnotherTypeIs415AndATooLargeOneIs413() async throws {
        let service = try TestService()
        try await service.api { api in
            let form = try await api.call(.put, "/api/items/7XK2L3M/warranty", as: .finance,
                                          json: "until=2026-12-10&source=x", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            #expect(form.error.contains("application/json"))
            let huge = #"{"until": "2026-12-10", "source": ""# + String(repeating: "x", count: 70_000) + #""}"#
            let large = try await api.call(.put, "/api/items/7XK2L3M/warranty", as: .finance, json: huge)
            #expect(large.status == .contentTooLarge)
        }
    }

    @Test func itemEventsAreRecordedWithTheBreachOfArticle10_2() async throws {
        let service = try TestService()
        try await service.api { api in
            let pledged = try await api.call(.post, "/api/items/PF4XK2L3/events", as: .finance,
                                             json: #"{"kind": "pledged", "date": "2026-09-01", "note": "told by phone"}"#)
            #expect(pledged.status == .created)
            #expect(pledged.object["breach"] as? Bool == true)
            #expect((pledged.object["message"] as? String)?.contains("10.2") == true)
            let resold = try await api.call(.post, "/api/items/PF4XK2M9/events", as: .finance,
                                            json: #"{"kind": "resold", "date": "2026-09-01"}"#)
            #expect(resold.object["breach"] as? Bool == false)
            let owner = try await api.call(.get, "/api/items/PF4XK2M9?at=2026-11-25", as: .intake)
            #expect(owner.object["owner"] as? String != "supplier")
            #expect(try service.env.ledger.lastEvents(1).first?.command == "api POST /api/items/{serial}/events")
        }
    }

    @Test(arguments: [
        (#"{"kind": "stolen"}"#, 400, "'kind'"), (#"{"kind": "repossessed"}"#, 400, "pickups"),
        (#"{"kind": "returned", "outside_normal_course": true}"#, 400, "resold"), (#"{"date": "2026-09-01"}"#, 400, "'kind'"),
        (#"{"kind": "returned", "date": "2020-01-01"}"#, 422, "cannot come before"),
    ])
    func aRefusedItemEventSaysWhy(json: String, status: Int, says: String) async throws {
        let service = try TestService()
        try await service.api { api in
            let response = try await api.call(.post, "/api/items/PF4XK2L3/events", as: .finance, json: json)
            #expect(Int(response.status.code) == status)
            #expect(response.error.contains(says), "\(response.error)")
        }
    }

    @Test func theAuditChainIsIntactAfterAPIWrites() async throws {
        let service = try TestService()
        try await service.api { api in
            try await api.call(.post, "/api/items/PF4XK2L3/events", as: .finance, json: #"{"kind": "waived"}"#)
            let verified = try await api.call(.get, "/api/audit/verify", as: .admin)
            #expect(verified.status == .ok)
            #expect(verified.object["ok"] as? Bool == true)
            #expect((verified.object["events"] as? Int ?? 0) > 1)
        }
    }
}
