import Foundation
import Testing
@testable import TitleholdCore

/// The shipped catalog file (`Resources/warranty/catalog.tsv`), found from this file's path.
private func shippedCatalogText() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("Resources/warranty/catalog.tsv"), encoding: .utf8)
}

private func shippedCatalog() throws -> WarrantyCatalog { try WarrantyCatalog(tsv: shippedCatalogText()) }

/// A small catalog for the precedence rules; line numbers are those of the text (header = line 1).
private let precedenceTSV = """
    manufacturer\tfamily\tcategory\tkeys\tmonths\tstart\tclaim\tsource
    Acme\tRoadbook\tlaptop\tname:Roadbook*;serial:RB######\t36\tdelivery\tacme.example/claim\tacme.example/warranty
    Acme\t*\tlaptop\tmaker:Acme Corp;gtin:0123456;serial:????????\t12\tship\tacme.example/claim\tacme.example/warranty
    Acme\tAcme Pro monitors\tmonitor\tname:Acme P2*;gtin:012345678\t24\tdelivery\tacme.example/claim\tacme.example/warranty
    Zenith\tZenbook\tlaptop\tname:Zenbook*;name:Roadbook Z*;serial:ZB######\t24\tdelivery\tzenith.example\tzenith.example/w
    Zenith\t*\tlaptop\tgtin:0987654;serial:@@@@@@@@\t12\tdelivery\tzenith.example\tzenith.example/w
    Other\tBox\tdesktop\tserial:@@@@@@@@\t12\tdelivery\tother.example\tother.example/w
    """

@Suite struct WarrantyCatalogShippedFileTests {
    @Test func theShippedCatalogParsesAndEveryRowHasASourceAndAClaimRoute() throws {
        let catalog = try shippedCatalog()
        #expect(catalog.entries.count >= 40)
        for entry in catalog.entries {
            #expect(entry.source.contains("http"), "line \(entry.line): the source names no web page")
            #expect(entry.claimRoute.count >= 15, "line \(entry.line): the claim route says too little")
            if case .months(let n) = entry.period { #expect((1...60).contains(n), "line \(entry.line)") }
        }
    }

    @Test func theShippedCatalogCoversTheVendorsAndCategoriesOfTheIssue() throws {
        let catalog = try shippedCatalog()
        for vendor in ["Dell", "HP", "Lenovo", "Apple", "Microsoft", "Cisco", "Ubiquiti", "Fujitsu", "Samsung", "Logitech"] {
            #expect(catalog.entries.contains { $0.manufacturer == vendor && $0.isManufacturerDefault }, "\(vendor) has no * row")
        }
        let categories = Set(catalog.entries.map(\.category))
        for category: WarrantyCatalog.Category in [.laptop, .desktop, .monitor, .server, .network, .dock, .phone, .peripheral, .tablet] {
            #expect(categories.contains(category), "no row of category \(category)")
        }
    }

    /// Real-looking items against the shipped file: (case, gtin, serial, name, manufacturer) → (brand, family).
    @Test(arguments: [
        ("Latitude by name", nil, nil, "Dell Latitude 5440 i5 16GB", nil, "Dell", "Latitude 5000/7000/9000"),
        ("Latitude 3000 by name", nil, nil, "Latitude 3540", nil, "Dell", "Latitude 3000"),
        ("ProBook by name", nil, nil, "HP ProBook 450 G10", nil, "HP", "ProBook"),
        ("HP notebook serial", nil, "5CG1234ABC", nil, nil, "HP", "Laptop, line unknown (serial)"),
        ("ThinkPad serial", nil, "PF3ABCDE", nil, nil, "Lenovo", "ThinkPad, line unknown (serial)"),
        ("Dell service tag", nil, "7XK9P23", nil, nil, "Dell", "*"),
        ("Dell service tag with the brand and an unknown name", nil, "7XK9P23", "KM5221W", "Dell", "Dell", "*"),
        ("Dell GTIN-13", "0884116123456", nil, nil, nil, "Dell", "*"),
        ("Apple UPC-A", "885909950805", nil, nil, nil, "Apple", "*"),
        ("Apple GTIN-14 of a case", "10885909950802", nil, nil, nil, "Apple", "*"),
        ("Surface 12-digit serial", nil, "012345678901", nil, nil, "Microsoft", "*"),
        ("Cisco serial", nil, "FOC2145X0AB", nil, nil, "Cisco", "*"),
        ("Ubiquiti MAC serial", nil, "78:8A:20:12:AB:CD", nil, nil, "Ubiquiti", "*"),
        ("Meraki serial", nil, "Q2XX-ABCD-1234", nil, nil, "Cisco Meraki", "*"),
        ("Catalyst 9200 lifetime", nil, nil, "Cisco Catalyst 9200L-24P-4G", nil, "Cisco", "Catalyst 9000 switches"),
        ("Meraki by name", nil, nil, "Cisco Meraki MR46", nil, "Cisco Meraki", "MR / MS / MX"),
        ("Dell mouse is not a Meraki switch", nil, nil, "Dell MS116 mouse", nil, "Dell", "*"),
        ("short model code with the brand given", nil, nil, "P2425H", "Dell", "Dell", "P and E series monitors"),
        ("brand alias only", nil, nil, nil, "Hewlett-Packard", "HP", "*"),
        ("alias on another row of the brand", nil, nil, nil, "Plantronics", "Poly", "*"),
        ("ThinkPad dock beats ThinkPad T", nil, nil, "ThinkPad Thunderbolt 4 Dock", nil, "Lenovo", "Docks"),
        ("Synology 4-bay Plus", nil, nil, "Synology DS923+", nil, "Synology", "Plus series (4 bays and up) and RackStation Plus"),
        ("Synology 2-bay Plus", nil, nil, "Synology DS224+", nil, "Synology", "*"),
        ("Galaxy phone", nil, nil, "Samsung Galaxy S24 Enterprise Edition", nil, "Samsung", "Galaxy phones"),
        ("Logitech webcam by GTIN", "5099206123456", nil, "Brio 505", nil, "Logitech", "Keyboards, mice, webcams, headsets"),
    ] as [(String, String?, String?, String?, String?, String, String)])
    func shippedCatalogMatchesRealItems(
        _ name: String, gtin: String?, serial: String?, product: String?, manufacturer: String?, brand: String, family: String
    ) throws {
        let match = try shippedCatalog().match(gtin: gtin, serial: serial, name: product, manufacturer: manufacturer)
        #expect(match?.entry.manufacturer == brand, "\(name): \(match.map(String.init(describing:)) ?? "no match")")
        #expect(match?.entry.family == family, "\(name): \(match.map(String.init(describing:)) ?? "no match")")
    }

    @Test func anUnrecognisableItemMatchesNothing() throws {
        #expect(try shippedCatalog().match(gtin: nil, serial: "X", name: "Unbranded USB cable", manufacturer: nil) == nil)
        #expect(try shippedCatalog().match(gtin: nil, serial: nil, name: nil, manufacturer: "Nonexistent Brand BV") == nil)
    }
}

@Suite struct WarrantyCatalogPrecedenceTests {
    let catalog: WarrantyCatalog

    init() throws { catalog = try WarrantyCatalog(tsv: precedenceTSV) }

    /// (case, gtin, serial, name, manufacturer) → (catalog line of the row, or nil for no match).
    @Test(arguments: [
        ("name beats GTIN", "0123456789012", nil, "Acme Roadbook 14", nil, 2),
        ("GTIN beats serial", "0123456000001", "RB123456", nil, nil, 3),
        ("the longest GTIN prefix wins", "0123456789999", nil, nil, nil, 4),
        ("a UPC-A is read as GTIN-13 with a leading 0", "123456789999", nil, nil, nil, 4),
        ("a GTIN-8 carries no company prefix here", "01234565", nil, nil, nil, nil),
        ("serial: literal characters beat classes", nil, "RB123456", nil, nil, 2),
        ("serial: equal formats of two brands are ambiguous", nil, "ABCDEFGH", nil, nil, nil),
        ("serial: the brand given settles the tie", nil, "ABCDEFGH", nil, "Zenith", 6),
        ("serial: a class fits only its characters", nil, "AB1DEFGH", nil, nil, 3),
        ("the longest name glob wins", nil, nil, "Roadbook Z 13", nil, 5),
        ("the brand given hides other brands' names", nil, nil, "Roadbook Z 13", "Acme", 2),
        ("a GTIN's brand hides other brands' names", "0123456000001", nil, "Roadbook Z 13", nil, 2),
        ("the brand is tried in front of a bare name", nil, nil, "P2419", "Acme", 4),
        ("without a brand a bare model code stays unknown", nil, nil, "P2419", nil, nil),
        ("an alias finds the brand's * row", nil, nil, nil, "ACME corp.", 3),
        ("nothing identifies the item", nil, "X1", "Something else", nil, nil),
        ("a format without fixed characters does not outvote an unknown name", nil, "AB1DEFGH", "Something else", nil, nil),
        ("a format without fixed characters counts for a known brand", nil, "AB1DEFGH", "Something else", "Acme", 3),
        ("a format with fixed characters counts despite an unknown name", nil, "RB123456", "Something else", nil, 2),
    ] as [(String, String?, String?, String?, String?, Int?)])
    func precedence(_ name: String, gtin: String?, serial: String?, product: String?, manufacturer: String?, line: Int?) {
        let match = catalog.match(gtin: gtin, serial: serial, name: product, manufacturer: manufacturer)
        #expect(match?.entry.line == line, "\(name): \(match.map(String.init(describing:)) ?? "no match")")
    }

    @Test func theMatchSaysWhy() {
        let byName = catalog.match(gtin: nil, serial: nil, name: "Acme Roadbook 14", manufacturer: nil)
        #expect(byName?.basis == .name("Acme Roadbook 14", pattern: "Roadbook*"))
        #expect(byName?.description == "name 'Acme Roadbook 14' matches 'Roadbook*' (catalog line 2)")
        let byGTIN = catalog.match(gtin: "0123456789999", serial: nil, name: nil, manufacturer: nil)
        #expect(byGTIN?.basis == .gtinPrefix("0123456789999", prefix: "012345678"))
        let bySerial = catalog.match(gtin: nil, serial: "zb-123456", name: nil, manufacturer: nil)
        #expect(bySerial?.basis == .serialFormat("zb-123456", mask: "ZB######"))
        #expect(catalog.match(gtin: nil, serial: nil, name: nil, manufacturer: "Zenith")?.basis == .manufacturer("Zenith"))
    }

    @Test(arguments: [
        ("Dell Latitude 5440", "Latitude 5*", true),
        ("latitude 5440", "LATITUDE 5*", true),
        ("Dell XLatitude 5440", "Latitude 5*", false),
        ("Dell Latitude 5440", "Latitude 5", false),
        ("Dell Latitude 5440", "Latitude 5440", true),
        ("HP E24 G5", "HP E2?*", true),
        ("Synology DS923+", "Synology DS9*+*", true),
        ("Synology DS224+", "Synology DS9*+*", false),
        ("(Latitude 7450)", "Latitude 7*", true),
    ])
    func nameGlobs(name: String, pattern: String, matches: Bool) {
        #expect(WarrantyCatalog.nameMatches(name, pattern: pattern) == matches)
    }

    @Test(arguments: [
        ("5CG1234ABC", "5CG???????", true),
        ("5cg1234abc", "5CG???????", true),
        ("5CG1234AB", "5CG???????", false),
        ("78:8a:20:12:ab:cd", "788A20??????", true),
        ("FOC2145X0AB", "@@@####????", true),
        ("FO12145X0AB", "@@@####????", false),
        ("012345678901", "############", true),
        ("01234567890A", "############", false),
        ("PF-3ABCDE", "PF??????", true),
        ("ANYTHING", "*", true),
    ])
    func serialFormats(serial: String, mask: String, matches: Bool) {
        #expect(WarrantyCatalog.serialMatches(serial, mask: mask) == matches)
    }
}

@Suite struct WarrantyCatalogRefusalTests {
    static let header = "# comment\nmanufacturer\tfamily\tcategory\tkeys\tmonths\tstart\tclaim\tsource\n"
    static let good = "Acme\tRoadbook\tlaptop\tname:Roadbook*\t12\tdelivery\tacme.example\tacme.example/w"

    /// (case, third line of the file) → the column the error names (the line is always 3).
    @Test(arguments: [
        ("too few columns", "Acme\tRoadbook\tlaptop\tname:Roadbook*\t12\tdelivery\tacme.example", nil),
        ("too many columns", good + "\tnote\textra", nil),
        ("unknown category", "Acme\tRoadbook\tnotebook\tname:Roadbook*\t12\tdelivery\tacme.example\tacme.example/w", "category"),
        ("months in words", "Acme\tRoadbook\tlaptop\tname:Roadbook*\t3y\tdelivery\tacme.example\tacme.example/w", "months"),
        ("zero months", "Acme\tRoadbook\tlaptop\tname:Roadbook*\t0\tdelivery\tacme.example\tacme.example/w", "months"),
        ("unknown start", "Acme\tRoadbook\tlaptop\tname:Roadbook*\t12\tinvoice\tacme.example\tacme.example/w", "start"),
        ("no claim route", "Acme\tRoadbook\tlaptop\tname:Roadbook*\t12\tdelivery\t\tacme.example/w", "claim"),
        ("no source", "Acme\tRoadbook\tlaptop\tname:Roadbook*\t12\tdelivery\tacme.example\t ", "source"),
        ("GTIN prefix with a letter", "Acme\tRoadbook\tlaptop\tgtin:88A116\t12\tdelivery\tacme.example\tacme.example/w", "keys"),
        ("GTIN prefix too short", "Acme\tRoadbook\tlaptop\tgtin:088\t12\tdelivery\tacme.example\tacme.example/w", "keys"),
        ("unknown key kind", "Acme\tRoadbook\tlaptop\tean:0884116\t12\tdelivery\tacme.example\tacme.example/w", "keys"),
        ("key without kind", "Acme\tRoadbook\tlaptop\tRoadbook*\t12\tdelivery\tacme.example\tacme.example/w", "keys"),
        ("family row without keys", "Acme\tRoadbook\tlaptop\t\t12\tdelivery\tacme.example\tacme.example/w", "keys"),
        ("no manufacturer", "\tRoadbook\tlaptop\tname:Roadbook*\t12\tdelivery\tacme.example\tacme.example/w", "manufacturer"),
    ] as [(String, String, String?)])
    func badRowsNameTheLineAndColumn(_ name: String, row: String, column: String?) {
        do {
            _ = try WarrantyCatalog(tsv: Self.header + row + "\n" + Self.good + "\n")
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.line == 3, "\(name): \(error)")
            #expect(error.column == column, "\(name): \(error)")
            #expect(error.description.hasPrefix("warranty catalog line 3"), "\(name): \(error)")
        }
    }

    @Test func aGoodFileParsesEveryField() throws {
        let catalog = try WarrantyCatalog(tsv: Self.header + "\n" + Self.good + "\tchosen 1 yr\nAcme\t*\tserver\t\tlifetime\tship\tc\ts\n")
        #expect(catalog.entries.count == 2)
        let first = try #require(catalog.entries.first)
        #expect(first.line == 4)
        #expect(first.keys == [.name("Roadbook*")])
        #expect(first.period == .months(12))
        #expect(first.startBasis == .delivery)
        #expect(first.note == "chosen 1 yr")
        #expect(catalog.entries.last?.period == .lifetime)
        #expect(catalog.entries.last?.startBasis == .ship)
        #expect(catalog.entries.last?.isManufacturerDefault == true)
    }
}
