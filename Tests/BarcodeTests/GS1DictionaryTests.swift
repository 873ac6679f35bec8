import Foundation
import Testing

@testable import Barcode

@Suite("GS1 syntax dictionary")
struct GS1DictionaryTests {
    @Test func builtInCopyEqualsTheShippedFileAndTheFixture() throws {
        let shipped = try GS1Dictionary(directory: Fixtures.resources.appendingPathComponent("gs1"))
        let fixture = try GS1Dictionary(text: try Fixtures.text("gs1/gs1-syntax-dictionary.txt"))
        let builtIn = GS1Dictionary.builtIn
        #expect(builtIn.entries.count > 500)
        #expect(builtIn.release == "2026-01-27")
        #expect(shipped.entries == builtIn.entries)
        #expect(fixture.entries == builtIn.entries)
    }

    struct EntryCase: Sendable, CustomTestStringConvertible {
        let ai: String
        let predefined: Bool
        let minLength: Int
        let maxLength: Int
        let title: String
        var testDescription: String { "(\(ai))" }
    }

    @Test(arguments: [
        EntryCase(ai: "00", predefined: true, minLength: 18, maxLength: 18, title: "SSCC"),
        EntryCase(ai: "01", predefined: true, minLength: 14, maxLength: 14, title: "GTIN"),
        EntryCase(ai: "10", predefined: false, minLength: 1, maxLength: 20, title: "BATCH/LOT"),
        EntryCase(ai: "17", predefined: true, minLength: 6, maxLength: 6, title: "USE BY or EXPIRY"),
        EntryCase(ai: "21", predefined: false, minLength: 1, maxLength: 20, title: "SERIAL"),
        EntryCase(ai: "3103", predefined: true, minLength: 6, maxLength: 6, title: "NET WEIGHT (kg)"),
        EntryCase(ai: "423", predefined: false, minLength: 3, maxLength: 15, title: "COUNTRY - INITIAL PROCESS"),
        EntryCase(ai: "8003", predefined: false, minLength: 14, maxLength: 30, title: "GRAI"),
        EntryCase(ai: "99", predefined: false, minLength: 1, maxLength: 90, title: "INTERNAL"),
    ])
    func entries(_ testCase: EntryCase) throws {
        let entry = try #require(GS1Dictionary.builtIn.entry(for: testCase.ai))
        #expect(entry.hasPredefinedLength == testCase.predefined)
        #expect(entry.minLength == testCase.minLength)
        #expect(entry.maxLength == testCase.maxLength)
        #expect(entry.title == testCase.title)
    }

    @Test func associationsAndDigitalLinkKeys() throws {
        let dictionary = GS1Dictionary.builtIn
        let gtin = try #require(dictionary.entry(for: "01"))
        #expect(gtin.digitalLinkQualifiers == [["22", "10", "21"], ["235"]])
        #expect(gtin.exclusions == ["255", "37"])
        let serial = try #require(dictionary.entry(for: "21"))
        #expect(serial.requisites == [[["01"], ["03"], ["8006"]]])
        let signature = try #require(dictionary.entry(for: "8030"))
        #expect(signature.requisites.first?.contains(["01", "21"]) == true)
        #expect(dictionary.entry(for: "14") == nil)
    }

    @Test func malformedDictionaryTextIsRefused() {
        #expect(throws: BarcodeError.self) { try GS1Dictionary(text: "# only a comment\n") }
        #expect(throws: BarcodeError.self) { try GS1Dictionary(text: "01 *? Q14\n") }
        #expect(throws: BarcodeError.self) { try GS1Dictionary(text: "A1 *? N14\n") }
        #expect(throws: BarcodeError.self) { try GS1Dictionary(text: "01 *? N..\n") }
        #expect(throws: (any Error).self) { try GS1Dictionary(directory: URL(fileURLWithPath: "/nonexistent")) }
    }

    @Test func aSmallerDictionaryIsUsedWhenGiven() throws {
        let dictionary = try GS1Dictionary(text: "01 *? N14,csum # GTIN\n21 X..20 req=01 # SERIAL\n")
        #expect(try GS1Message(elementString: "0109501101020917", dictionary: dictionary).gtin?.gtin14 == "09501101020917")
        #expect(throws: BarcodeError.self) { try GS1Message(elementString: "10ABC", dictionary: dictionary) }
    }
}

@Suite("GS1 building blocks")
struct GS1BuildingBlockTests {
    @Test(arguments: [("629104150021", 3), ("950110153100", 0), ("0950110102091", 7), ("37610425002123456", 9)])
    func checkDigits(_ digits: String, _ check: Int) {
        #expect(GS1CheckDigit.compute(digits) == check)
        #expect(GS1CheckDigit.isValid(digits + String(check)))
        #expect(!GS1CheckDigit.isValid(digits + String((check + 1) % 10)))
    }

    /// One vector per zero-suppression pattern of GS1 General Specifications figure 5.2.2.4.2-1
    /// (last UPC-E digit 0-2, 3, 4, 5-9); UPC-A check digits computed by hand.
    @Test(arguments: [
        ("012340", "001000002346"), ("123453", "012300000451"), ("123454", "012340000053"),
        ("123455", "012345000058"), ("425261", "042100005264"),
    ])
    func upcEExpansion(_ upcE: String, _ upcA: String) throws {
        let upc = try UPC(upcE)
        #expect(upc.format == .upcE)
        #expect(upc.upcA == upcA)
        #expect(UPC.compress(upcA: upcA) == upcE)
        #expect(try UPC("0" + upcE + String(upcA.suffix(1))).upcA == upcA)
        #expect(throws: BarcodeError.self) { try UPC("2" + upcE) }
    }

    @Test(arguments: [
        ("csum", "09501101020917", true), ("csum", "09501101020918", false),
        ("csumalpha", "1987654Ad4X4bL5ttr2310c2K", true), ("csumalpha", "1987654Ad4X4bL5ttr2310c2L", false),
        ("yymmd0", "290200", true), ("yymmdd", "290200", false), ("yymmdd", "000229", true), ("yymmdd", "010229", false),
        ("yyyymmdd", "19000229", false), ("yyyymmdd", "20000229", true), ("hhmi", "2359", true), ("hhmi", "2400", false),
        ("iso3166", "528", true), ("iso3166", "999", false), ("iso3166999", "999", true), ("iso3166alpha2", "NL", true),
        ("iso4217", "978", true), ("iso4217", "000", false), ("iban", "NL91ABNA0417164300", true), ("iban", "NL91ABNA0417164301", false),
        ("pieceoftotal", "0510", true), ("pieceoftotal", "1005", false), ("posinseqslash", "2/3", true), ("posinseqslash", "4/3", false),
        ("pcenc", "A%2FB", true), ("pcenc", "A%2", false), ("nozeroprefix", "123", true), ("nozeroprefix", "0123", false),
        ("mediatype", "01", true), ("mediatype", "28", false), ("winding", "9", true), ("winding", "2", false),
    ])
    func linters(_ name: String, _ value: String, _ passes: Bool) {
        let result = GS1Linters.check(name, Array(value.utf8)[...])
        #expect((result == nil) == passes, "\(name) \(value): \(result?.reason ?? "ok")")
    }

    @Test(arguments: [
        ("]C1abc", "]C1", SymbologyIdentifier.Symbology.gs1_128, true), ("]C0abc", "]C0", .code128, false),
        ("]d2abc", "]d2", .gs1DataMatrix, true), ("]d1abc", "]d1", .dataMatrix, false), ("]Q3abc", "]Q3", .gs1QRCode, true),
        ("]e0abc", "]e0", .gs1DataBarOrComposite, true), ("]E4abc", "]E4", .eanUPC, false), ("]I1abc", "]I1", .itf14, false),
        ("]A0abc", "]A0", .code39, false), ("]Y1abc", "]Y1a", .systemExpansion, false), ("]J1abc", "]J1", .gs1DotCode, true),
    ])
    func symbologyIdentifiers(_ scan: String, _ value: String, _ symbology: SymbologyIdentifier.Symbology, _ gs1: Bool) throws {
        let (identifier, _) = try #require(try SymbologyIdentifier.split(scan))
        #expect(identifier.value == value)
        #expect(identifier.symbology == symbology)
        #expect(identifier.announcesGS1ElementString == gs1)
    }

    @Test func gtinFormats() throws {
        #expect(try GTIN("96385074").format == .gtin8)
        #expect(try GTIN("123601057072").format == .gtin12)
        #expect(try GTIN("5901234123457").format == .gtin13)
        #expect(try GTIN("15901234123454").format == .gtin14)
        #expect(throws: BarcodeError.self) { try GTIN("590123412345") }
        #expect(throws: BarcodeError.self) { try GTIN("59012341234X") }
    }
}
