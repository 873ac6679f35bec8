import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
import TitleholdCore
@testable import TitleholdServer

/// The front-desk pages (issue 6, The pages) on the demo ledger, today 2026-11-25.
@Suite struct PageTests {
    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    // MARK: Access: sign-in redirect, roles

    @Test(arguments: [
        ("/", "/login?next=/"),
        ("/?serial=CN0V7R2K", "/login?next=/%3Fserial%3DCN0V7R2K"),
        ("/items/CN0V7R2K", "/login?next=/items/CN0V7R2K"),
        ("/intake", "/login?next=/intake"),
        ("/flags", "/login?next=/flags"),
        ("/dunning", "/login?next=/dunning"),
        ("/pickups", "/login?next=/pickups"),
        ("/charts/receivables.svg", "/login?next=/charts/receivables.svg"),
    ])
    func aBrowserWithoutIdentityIsSentToSignIn(path: String, location: String) async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == location)
        }
    }

    @Test(arguments: ["/flags", "/dunning", "/pickups", "/charts/receivables.svg"])
    func financePagesRefuseTheIntakeRole(path: String) async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let refused = try await client.execute(uri: path, method: .get, headers: service.bearer(.intake))
            #expect(refused.status == .forbidden)
            #expect(Self.html(refused).contains("id=\"forbidden\""))
            #expect(Self.html(refused).contains("<strong>finance</strong>"))
            let allowed = try await client.execute(uri: path, method: .get, headers: service.bearer(.finance))
            #expect(allowed.status == .ok)
        }
    }

    @Test(arguments: ["/", "/items/CN0V7R2K", "/items/CN0V7R2K/warranty-sheet", "/intake", "/intake/s-1", "/charts/warranty-expiries.svg"])
    func intakePagesOpenForTheIntakeRole(path: String) async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get, headers: service.bearer(.intake))
            #expect(response.status == .ok)
        }
    }

    // MARK: Look-up

    @Test func theLookUpShowsOwnerReasonsWarrantyInvoicesAndHistory() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/items/CN0V7R2K", method: .get, headers: service.bearer(.intake))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let page = Self.html(response)
            #expect(page.contains(#"data-owner="supplier""#))
            #expect(page.contains("Leverancier (eigendomsvoorbehoud)"))
            #expect(page.contains("art. 10.1"))
            #expect(page.contains("INV-2026-0188"))
            #expect(page.contains("Geleverd onder order ORD-2026-0188"))
            #expect(page.contains(#"id="warranty" data-state="#))
            #expect(page.contains("/items/CN0V7R2K/warranty-sheet"))
        }
    }

    @Test(arguments: ["cn0v7r2k", " CN0V7R2K ", "(01)08712345000028(21)CN0V7R2K"])
    func theFieldTakesATypedOrScannedSerial(input: String) async throws {
        let service = try TestService()
        let query = input.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? input
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/?serial=\(query)", method: .get, headers: service.bearer(.intake))
            #expect(response.status == .ok)
            #expect(Self.html(response).contains(#"data-serial="CN0V7R2K""#))
        }
    }

    @Test func anUnknownSerialIsSaidPlainly() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/?serial=NOPE123", method: .get, headers: service.bearer(.intake))
            #expect(response.status == .notFound)
            #expect(Self.html(response).contains("Geen artikel met serienummer <strong>NOPE123</strong>"))
        }
    }

    @Test func theWarrantySheetIsTheDocumentOfTheCLI() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/items/CN0V7R2K/warranty-sheet", method: .get, headers: service.bearer(.intake))
            #expect(response.status == .ok)
            let page = Self.html(response)
            #expect(page.contains("CN0V7R2K") && page.contains("<svg"), "the serial, also as a barcode")
        }
    }

    @Test func aClientNameIsEscaped() async throws {
        let service = try TestService()
        try service.env.ledger.deliver(
            Delivery(client: "Bakker <b>&</b> Zn", agreement: "ORD-\"1\"", serial: "ESC0001", name: "<script>alert(1)</script>",
                     date: Day(iso: "2026-11-02")!),
            context: ChangeContext(command: "test"))
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/items/ESC0001", method: .get, headers: service.bearer(.intake))
            #expect(response.status == .ok)
            let page = Self.html(response)
            #expect(page.contains("Bakker &lt;b&gt;&amp;&lt;/b&gt; Zn"))
            #expect(!page.contains("<b>&</b>"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("<script>alert(1)"))
            #expect(page.contains("ORD-&quot;1&quot;"))
        }
    }

    // MARK: Languages

    @Test func dutchByDefaultEnglishOnRequest() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let dutch = Self.html(try await client.execute(uri: "/items/CN0V7R2K", method: .get, headers: service.bearer(.intake)))
            #expect(dutch.contains(#"<html lang="nl">"#) && dutch.contains("Eigenaar") && dutch.contains("Geschiedenis"))

            let english = try await client.execute(uri: "/items/CN0V7R2K?lang=en", method: .get, headers: service.bearer(.intake))
            let page = Self.html(english)
            #expect(page.contains(#"<html lang="en">"#) && page.contains("Owner") && page.contains("Supplier (retention of title)"))
            #expect(page.contains("History") && !page.contains("Geschiedenis"))
            #expect(english.headers[values: .setCookie].contains { $0.hasPrefix("titlehold_lang=en") })

            var headers = service.bearer(.finance)
            headers[.acceptLanguage] = "en-GB,en;q=0.9,nl;q=0.5"
            let dunning = Self.html(try await client.execute(uri: "/dunning", method: .get, headers: headers))
            #expect(dunning.contains("Letters due now") && dunning.contains("Receivables by days past due"))
        }
    }

    @Test(arguments: [
        ("en-GB,en;q=0.9", PageLanguage.en), ("nl-NL", .nl), ("de-DE,en;q=0.5,nl;q=0.7", .nl), ("fr", nil),
        ("nl;q=0, en", .en), ("en;q=0.4, nl;q=0.4", .en), ("", nil),
    ] as [(String, PageLanguage?)])
    func acceptLanguageHonoursQualities(header: String, expected: PageLanguage?) {
        #expect(PageLanguage.fromAcceptLanguage(header) == expected)
    }

    @Test func everyLabelATemplateUsesExistsInBothLanguages() throws {
        let folder = TestService.packageRoot.appendingPathComponent("Resources/templates/pages")
        var used = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") && !name.hasPrefix("login") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #"\{\{t\.([A-Za-z0-9_]+)\}\}"#)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
            }
        }
        #expect(used.count > 50)
        let missing = used.filter { PageLabels.nl[$0] == nil || PageLabels.en[$0] == nil }
        #expect(missing.isEmpty, "labels used but not defined: \(missing.sorted())")
        #expect(PageLabels.pairs.allSatisfy { !$0.nl.isEmpty && !$0.en.isEmpty })
        #expect(Set(PageLabels.pairs.map(\.key)).count == PageLabels.pairs.count, "a key defined twice")
    }

    // MARK: Finance pages

    @Test func theDunningListShowsOpenInvoicesTheLettersDueAndTheChart() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/dunning", method: .get, headers: service.bearer(.finance))
            #expect(response.status == .ok)
            let page = Self.html(response)
            #expect(page.contains(#"id="open-invoices""#))
            #expect(page.contains(#"data-invoice="INV-2026-0188""#))
            #expect(page.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
        }
    }

    @Test func theFlagsBoardListsTheClientInDefault() async throws {
        let service = try TestService()
        try Self.putClientInDefault(service)
        try await service.application.test(.router) { client in
            let page = Self.html(try await client.execute(uri: "/flags", method: .get, headers: service.bearer(.finance)))
            #expect(page.contains("flag-client"))
            #expect(page.contains(#"data-serial="PF4XK2L3""#))
            let none = try TestService()
            try await none.application.test(.router) { other in
                let empty = Self.html(try await other.execute(uri: "/flags", method: .get, headers: none.bearer(.finance)))
                #expect(empty.contains(#"id="no-flags""#))
            }
        }
    }

    @Test func thePickupsCalendarPlansAndLinksTheManifests() async throws {
        let service = try TestService()
        try Self.putClientInDefault(service)
        try await service.application.test(.router) { client in
            let before = Self.html(try await client.execute(uri: "/pickups", method: .get, headers: service.bearer(.finance)))
            #expect(before.contains(#"id="no-visits""#) && before.contains(#"data-date="2026-11-23""#), "calendar from Monday")
            let planned = try await client.execute(uri: "/pickups/plan", method: .post, headers: service.bearer(.finance))
            #expect(planned.status == .ok)
            #expect(Self.html(planned).contains(#"id="plan-result""#))
        }
    }

    /// Client 23456789 in default on INV-2026-0142 (the 2nd reminder's term lapsed), as in the CLI tests.
    static func putClientInDefault(_ service: TestService) throws {
        try service.env.ledger.recordLetters([
            SentLetter(invoice: "INV-2026-0142", kind: .reminder1, sentOn: Day(iso: "2026-07-20")!, origin: .external),
            SentLetter(invoice: "INV-2026-0142", kind: .reminder2, sentOn: Day(iso: "2026-08-10")!, origin: .external),
        ], context: ChangeContext(command: "test"))
    }
}
