import Foundation
import Testing
@testable import TitleholdCore

/// Line 2: a 12-month laptop counted from delivery; line 3: a 36-month server counted from the
/// manufacturer's ship date; line 4: a lifetime switch.
private let ruleCatalog = WarrantyCatalog(entries: [
    row(2, "Roadbook", .laptop, .months(12), .delivery),
    row(3, "Rackline", .server, .months(36), .ship),
    row(4, "Switchline", .network, .lifetime, .delivery),
])

private func row(_ line: Int, _ family: String, _ category: WarrantyCatalog.Category, _ period: WarrantyCatalog.Period,
                 _ start: WarrantyCatalog.StartBasis) -> WarrantyCatalog.Entry {
    WarrantyCatalog.Entry(line: line, manufacturer: "Acme", family: family, category: category, keys: [.name(family + "*")],
                          period: period, startBasis: start, claimRoute: "https://acme.example/claim",
                          source: "https://acme.example/warranty")
}

private func laptop(delivered: String = "2026-03-15", manufacturerStart: String? = nil) -> WarrantyItem {
    WarrantyItem(serial: "RB-0001", name: "Acme Roadbook 14", deliveredOn: d(delivered), manufacturerStart: manufacturerStart.map(d))
}

private func status(_ item: WarrantyItem, on date: String, override: WarrantyOverride? = nil, window: Int = 30) -> WarrantyStatus {
    WarrantyRule.status(item: item, catalog: ruleCatalog, override: override, on: d(date), expiringWithin: window)
}

@Suite struct WarrantyRuleStateTests {
    /// A Roadbook delivered 2026-03-15 with 12 months: last day 2027-03-14.
    @Test(arguments: [
        ("the day of delivery", "2026-03-15", WarrantyStatus.State.active, 364),
        ("the day before the window", "2027-02-11", .active, 31),
        ("the first day of the 30-day window", "2027-02-12", .expiring, 30),
        ("the last day of cover", "2027-03-14", .expiring, 0),
        ("the first day without cover", "2027-03-15", .expired, -1),
        ("a year later", "2028-03-14", .expired, -366),
    ])
    func statesAtTheirEdges(_ name: String, on date: String, state: WarrantyStatus.State, daysLeft: Int) {
        let result = status(laptop(), on: date)
        #expect(result.state == state, "\(name)")
        #expect(result.daysLeft == daysLeft, "\(name)")
        #expect(result.start == d("2026-03-15"))
        #expect(result.end == d("2027-03-14"))
        #expect(result.manufacturer == "Acme")
        #expect(result.model == "Acme Roadbook 14")
        #expect(result.claimRoute == "https://acme.example/claim")
        #expect(result.source == "https://acme.example/warranty")
    }

    @Test(arguments: [
        (0, "2027-03-14", WarrantyStatus.State.expiring), (0, "2027-03-13", .active),
        (90, "2026-12-14", .expiring), (90, "2026-12-13", .active),
    ])
    func theExpiringWindowIsConfigurable(window: Int, on date: String, state: WarrantyStatus.State) {
        #expect(status(laptop(), on: date, window: window).state == state)
    }

    @Test func nothingMatchingIsUnknown() {
        let item = WarrantyItem(serial: "ZZ-9", gtin: "8712345678906", name: "Unbranded cable", deliveredOn: d("2026-03-15"))
        let result = status(item, on: "2026-04-01")
        #expect(result.state == .unknown)
        #expect(result.end == nil)
        #expect(result.daysLeft == nil)
        #expect(result.manufacturer == nil)
        #expect(result.claimRoute == nil)
        #expect(result.start == d("2026-03-15"))
        #expect(result.reasons.contains { $0.text.contains("no catalog row matches") && $0.text.contains("8712345678906") })
    }

    @Test func aLifetimeWarrantyIsActiveWithoutAnEnd() {
        let item = WarrantyItem(serial: "SW-1", name: "Switchline 24", deliveredOn: d("2020-01-10"))
        let result = status(item, on: "2035-06-01")
        #expect(result.state == .active)
        #expect(result.end == nil)
        #expect(result.daysLeft == nil)
        #expect(result.reasons.contains { $0.text.contains("limited lifetime") })
    }
}

@Suite struct WarrantyRuleOverrideAndStartTests {
    @Test func anOverrideBeatsTheCatalog() {
        let extended = WarrantyOverride(until: d("2029-03-14"), source: "Acme Care Pack 3y, order 4711", recordedOn: d("2026-04-02"))
        let result = status(laptop(), on: "2027-06-01", override: extended)
        #expect(result.end == d("2029-03-14"))
        #expect(result.state == .active)
        #expect(result.daysLeft == 652)
        #expect(result.source == "Acme Care Pack 3y, order 4711")
        #expect(result.manufacturer == "Acme")
        #expect(result.claimRoute == "https://acme.example/claim")
        #expect(result.reasons.contains { $0.text.contains("recorded on 2026-04-02") })
    }

    @Test func anOverrideCanShortenAndGiveItsOwnStart() {
        let lookedUp = WarrantyOverride(from: d("2026-03-01"), until: d("2026-08-31"), source: "vendor site", recordedOn: d("2026-05-01"))
        let result = status(laptop(), on: "2026-09-01", override: lookedUp)
        #expect(result.start == d("2026-03-01"))
        #expect(result.end == d("2026-08-31"))
        #expect(result.state == .expired)
    }

    @Test func anOverrideMakesAnUnknownItemKnown() {
        let item = WarrantyItem(serial: "ZZ-9", name: "Unbranded cable", deliveredOn: d("2026-03-15"))
        let result = status(item, on: "2026-04-01", override: WarrantyOverride(until: d("2026-04-20"), source: "seller", recordedOn: d("2026-03-20")))
        #expect(result.state == .expiring)
        #expect(result.daysLeft == 19)
        #expect(result.claimRoute == nil)
    }

    @Test func theManufacturersStartBeatsTheDeliveryDate() {
        let result = status(laptop(delivered: "2026-03-20", manufacturerStart: "2026-03-15"), on: "2027-03-15")
        #expect(result.start == d("2026-03-15"))
        #expect(result.end == d("2027-03-14"))
        #expect(result.state == .expired)
        #expect(result.reasons.contains { $0.text.contains("manufacturer's own date") })
    }

    @Test func aShipDateManufacturerIsFlaggedUntilItsStartIsRecorded() {
        let server = WarrantyItem(serial: "RL-1", name: "Rackline 2U", deliveredOn: d("2026-01-10"))
        let guessed = status(server, on: "2026-02-01")
        #expect(guessed.end == d("2029-01-09"))
        #expect(guessed.reasons.contains { $0.text.contains("own ship date") })
        var known = server
        known.manufacturerStart = d("2026-01-05")
        let exact = status(known, on: "2026-02-01")
        #expect(exact.end == d("2029-01-04"))
        #expect(!exact.reasons.contains { $0.text.contains("own ship date") })
    }

    @Test func beforeTheStartTheWarrantyIsNotYetRunning() {
        let result = status(laptop(), on: "2026-03-01")
        #expect(result.state == .active)
        #expect(result.reasons.contains { $0.text.contains("starts on 2026-03-15") })
    }
}

@Suite struct WarrantyRuleDatesTests {
    /// The last day of N months of cover starting on a day (inclusive).
    @Test(arguments: [
        ("mid-month", "2026-03-15", 12, "2027-03-14"),
        ("first of the month", "2026-03-01", 1, "2026-03-31"),
        ("first of January, three years", "2026-01-01", 36, "2028-12-31"),
        ("31 January into a leap February", "2024-01-31", 1, "2024-02-29"),
        ("31 January into a common February", "2025-01-31", 1, "2025-02-28"),
        ("30 January into a common February", "2025-01-30", 1, "2025-02-28"),
        ("28 January into a common February", "2025-01-28", 1, "2025-02-27"),
        ("29 February, one year", "2024-02-29", 12, "2025-02-28"),
        ("29 February, four years", "2024-02-29", 48, "2028-02-28"),
        ("31 March into April", "2026-03-31", 1, "2026-04-30"),
        ("30 March into April", "2026-03-30", 1, "2026-04-29"),
        ("31 December, two months", "2023-12-31", 2, "2024-02-29"),
    ])
    func lastDayOfAPeriodOfMonths(_ name: String, start: String, months: Int, end: String) {
        #expect(WarrantyRule.lastDay(from: d(start), months: months) == d(end), "\(name)")
    }

    @Test func everyStatusCarriesTheArticle18_1Line() {
        let items = [
            laptop(), WarrantyItem(serial: "ZZ", deliveredOn: d("2026-01-01")),
            WarrantyItem(serial: "SW", name: "Switchline 8", deliveredOn: d("2026-01-01")),
        ]
        for item in items {
            for date in ["2026-03-15", "2027-03-14", "2030-01-01"] {
                let lines = status(item, on: date).reasons.filter { $0.article == "18.1" }
                #expect(lines.count == 1)
                #expect(lines.first?.text.hasPrefix("the supplier gives no warranty on hardware beyond the manufacturer's factory warranty; claim it with the manufacturer: ") == true)
            }
        }
        #expect(status(laptop(), on: "2026-04-01").reasons.last?.text.hasSuffix("https://acme.example/claim") == true)
    }

    @Test func theStatusEncodesWithItsStateAsText() throws {
        let data = try JSONEncoder().encode(status(laptop(), on: "2027-03-14"))
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"state\":\"expiring\""))
        #expect(json.contains("\"end\":\"2027-03-14\""))
        #expect(try JSONDecoder().decode(WarrantyStatus.self, from: data) == status(laptop(), on: "2027-03-14"))
    }
}
