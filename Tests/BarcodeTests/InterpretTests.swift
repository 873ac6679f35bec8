import Foundation
import Testing

@testable import Barcode

@Suite("Barcode.interpret")
struct InterpretTests {
    struct KindCase: CustomTestStringConvertible, Sendable {
        let scan: String
        let kind: Scan.Kind
        var gtin: String? = nil
        var serial: String? = nil
        var productCode: String? = nil
        var lot: String? = nil
        var testDescription: String { scan.debugDescription }
    }

    static let kindCases: [KindCase] = [
        // Product barcodes
        KindCase(scan: "]E05901234123457", kind: .product, gtin: "05901234123457"),
        KindCase(scan: "]E496385074", kind: .product, gtin: "00000096385074"),
        KindCase(scan: "]E00123601057072", kind: .product, gtin: "00123601057072"),
        KindCase(scan: "]E3541234500001300995", kind: .product, gtin: "05412345000013"),
        KindCase(scan: "]I105901234123457", kind: .product, gtin: "05901234123457"),
        // Decoder forms that deviate from ISO/IEC 15420 Annex B table B.1 but name one GTIN (zxing-cpp
        // ODMultiUPCEANReader: UPC-E as its 8 printed digits under ]E0, add-on after a space under
        // ]E3/]E4; Honeywell/Zebra with "UPC-E expand" off). UPC-E 01234558 from the bwipp UPC-E page.
        KindCase(scan: "]E001234558", kind: .product, gtin: "00012345000058"),
        KindCase(scan: "]E301234558 12", kind: .product, gtin: "00012345000058"),
        KindCase(scan: "]E39780201379624 12345", kind: .product, gtin: "09780201379624"),
        KindCase(scan: "]E3012345678905 12", kind: .product, gtin: "00012345678905"),
        KindCase(scan: "]E496385074 12", kind: .product, gtin: "00000096385074"),
        KindCase(scan: "5901234123457", kind: .product, gtin: "05901234123457"),
        KindCase(scan: "]C10109501101020917", kind: .product, gtin: "09501101020917"),
        KindCase(scan: "]d201095011010209171719050810ABCD1234", kind: .product, gtin: "09501101020917", lot: "ABCD1234"),
        KindCase(scan: "]Q1https://id.gs1.org/01/09520123456788", kind: .product, gtin: "09520123456788"),
        KindCase(scan: "https://example.com/01/9520123456788?17=201225", kind: .product, gtin: "09520123456788"),
        KindCase(scan: "[)>\u{1E}06\u{1D}1PLM358BIDDFR\u{1D}Q10\u{1E}\u{04}", kind: .product, productCode: "LM358BIDDFR"),
        // Product and serial in one barcode
        KindCase(scan: "]C101095011010209171719050810ABCD1234\u{1D}2110", kind: .productAndSerial, gtin: "09501101020917", serial: "10", lot: "ABCD1234"),
        KindCase(scan: "(01)09501101020917(21)XYZ-42", kind: .productAndSerial, gtin: "09501101020917", serial: "XYZ-42"),
        KindCase(scan: "https://id.gs1.org/01/09520123456788/21/12345", kind: .productAndSerial, gtin: "09520123456788", serial: "12345"),
        KindCase(scan: "1S20XW003JGEPF2ABCDE", kind: .productAndSerial, serial: "PF2ABCDE", productCode: "20XW003JGE"),
        KindCase(scan: "]C01S2373ABGR9ABCDE", kind: .productAndSerial, serial: "R9ABCDE", productCode: "2373ABG"),
        KindCase(scan: "[)>\u{1E}06\u{1D}1PMC34063ADR\u{1D}S496320471563\u{1E}\u{04}", kind: .productAndSerial, serial: "496320471563", productCode: "MC34063ADR"),
        KindCase(scan: "[)>\u{1E}06\u{1D}1S20XW003JGEPF2ABCDE\u{1E}\u{04}", kind: .productAndSerial, serial: "PF2ABCDE", productCode: "20XW003JGE"),
        KindCase(scan: "[)>\u{1E}05\u{1D}0109501101020917\u{1D}21ABC\u{1E}\u{04}", kind: .productAndSerial, gtin: "09501101020917", serial: "ABC"),
        // Labels that encode the bracketed HRI text (GS1 General Specifications §4.15) in a plain
        // Code 128 / QR Code: the GS1 data, not a serial number with brackets in it.
        KindCase(scan: "]C0(01)09501101020917(21)XYZ-42", kind: .productAndSerial, gtin: "09501101020917", serial: "XYZ-42"),
        KindCase(scan: "]Q1(01)09501101020917(10)ABC(17)250100", kind: .product, gtin: "09501101020917", lot: "ABC"),
        // Two formats in one ISO/IEC 15434 message (§5): GS1 format 05 then MH10.8.2 format 06.
        KindCase(
            scan: "[)>\u{1E}05\u{1D}0109501101020917\u{1E}06\u{1D}SCND1234XYZ\u{1D}1PABC-123\u{1E}\u{04}", kind: .productAndSerial,
            gtin: "09501101020917", serial: "CND1234XYZ", productCode: "ABC-123"),
        KindCase(
            scan: "[)>\u{1E}06\u{1D}1T4711\u{1E}05\u{1D}010950110102091721XYZ\u{1E}\u{04}", kind: .productAndSerial,
            gtin: "09501101020917", serial: "XYZ", lot: "4711"),
        // The same AI repeated with the same value is allowed.
        KindCase(scan: "]d2010950110102091721ABC\u{1D}21ABC", kind: .productAndSerial, gtin: "09501101020917", serial: "ABC"),
        // Keyboard wedge without AIM ID and without GS: GS1 recognised by shape, not taken as a serial.
        KindCase(scan: "010950110102091721ABC", kind: .productAndSerial, gtin: "09501101020917", serial: "ABC"),
        // Serial barcodes
        KindCase(scan: "]C021ABC123", kind: .serial, serial: "21ABC123"),
        KindCase(scan: "]C121ABC123", kind: .serial, serial: "ABC123"),
        KindCase(scan: "]A09WKKWQ1", kind: .serial, serial: "9WKKWQ1"),
        // ]I1: an ITF whose mod-10 check digit the scanner verified; only 14 digits make an ITF-14.
        KindCase(scan: "]I11234567895", kind: .serial, serial: "1234567895"),
        KindCase(scan: "CND1234XYZ", kind: .serial, serial: "CND1234XYZ"),
        KindCase(scan: "SN-2024/0001", kind: .serial, serial: "SN-2024/0001"),
        KindCase(scan: "01ABC", kind: .serial, serial: "01ABC"),
        KindCase(scan: "[)>\u{1E}06\u{1D}11S42T0123Z1ZAB12345\u{1E}\u{04}", kind: .serial, serial: "42T0123Z1ZAB12345"),
        KindCase(scan: "[)>\u{1E}06\u{1D}S496320471563\u{1E}\u{04}", kind: .serial, serial: "496320471563"),
        // Neither
        KindCase(scan: "]C100006141411234567890", kind: .other),
        KindCase(scan: "]Q1https://example.com/about", kind: .other),
        KindCase(scan: "]Z6REVINF\u{06}.", kind: .other),
    ]

    @Test(arguments: kindCases)
    func kindAndValues(_ testCase: KindCase) {
        let scan = Barcode.interpret(testCase.scan)
        #expect(scan.kind == testCase.kind)
        #expect(scan.gtin == testCase.gtin)
        #expect(scan.serial == testCase.serial)
        #expect(scan.productCode == testCase.productCode)
        if let lot = testCase.lot { #expect(scan.lot == lot) }
        #expect(scan.raw == testCase.scan)
    }

    struct InvalidCase: CustomTestStringConvertible, Sendable {
        let scan: String
        let code: BarcodeError.Code
        var testDescription: String { scan.debugDescription }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(scan: "", code: .empty),
        InvalidCase(scan: "]", code: .badSymbologyIdentifier),
        InvalidCase(scan: "]C", code: .badSymbologyIdentifier),
        InvalidCase(scan: "]C1", code: .empty),
        InvalidCase(scan: "]E05901234123458", code: .badCheckDigit),
        InvalidCase(scan: "]E001234557", code: .badCheckDigit),  // UPC-E 01234558 with a wrong check digit
        InvalidCase(scan: "]E021234567", code: .invalidValue),  // 8 digits under ]E0 but number system 2: no UPC-E
        InvalidCase(scan: "]E05901234123457 12", code: .badLength),  // an add-on belongs under ]E3
        InvalidCase(scan: "]E39780201379624 1234", code: .badLength),  // add-ons have 2 or 5 digits
        InvalidCase(scan: "]E39780201379624", code: .badLength),  // ]E3 announces an add-on
        InvalidCase(scan: "]C10105901234123458", code: .badCheckDigit),
        InvalidCase(scan: "]C1890105901234123457", code: .unknownApplicationIdentifier),
        InvalidCase(scan: "]C1ABC", code: .noApplicationIdentifier),
        InvalidCase(scan: "]C1010950110102091710ABCDEFGHIJKLMNOPQRST2112345", code: .missingSeparator),
        InvalidCase(scan: "]C1010950110102091717221332", code: .invalidDate),
        InvalidCase(scan: "]C10109501101020918", code: .badCheckDigit),
        InvalidCase(scan: "]e010AB~C", code: .invalidCharacter),
        InvalidCase(scan: "0105901234123458", code: .badCheckDigit),
        InvalidCase(scan: "(01)47964367965424(11)173434(17)226565(10)A379B3(21)1237", code: .badCheckDigit),
        // Bracketed GS1 data that opens with a known AI but is broken: refused, not a serial "(01)...".
        InvalidCase(scan: "(01)0950110102091", code: .valueTooShort),
        InvalidCase(scan: "(01)09501101020917(21)", code: .emptyValue),
        InvalidCase(scan: "]Q1(01)09501101020918(21)ABC", code: .badCheckDigit),
        // One AI twice with different values in one barcode: which serial is it? (gs1-syntax-engine
        // validateAIrepeats, fixtures gs1-syntax-engine_unit_vectors.json c_line 2052-2064.)
        InvalidCase(scan: "]C1010950110102091721ABC\u{1D}21XYZ", code: .conflictingRepeat),
        InvalidCase(scan: "[)>\u{1E}05\u{1D}010950110102091721ABC\u{1D}21XYZ\u{1E}\u{04}", code: .conflictingRepeat),
        InvalidCase(scan: "[)>06", code: .malformedEnvelope),
        InvalidCase(scan: "]I105901234123458", code: .badCheckDigit),
        InvalidCase(scan: "]Q3https://a/NOPRIMARYAI", code: .badDigitalLink),
    ]

    @Test(arguments: invalidCases)
    func invalidScansSayWhy(_ testCase: InvalidCase) {
        let scan = Barcode.interpret(testCase.scan)
        guard case .invalid(let error) = scan.kind else {
            Issue.record("accepted as \(scan.kind)")
            return
        }
        #expect(error.code == testCase.code, "\(error.message)")
        #expect(!error.message.isEmpty)
        #expect(!scan.isValid)
    }

    @Test func datesWithDayZeroAndCentury() throws {
        let scan = Barcode.interpret("]C1010950110102091717290200\u{1D}11991231")
        #expect(scan.kind == .product)
        let expiry = try #require(scan.dates.first { $0.ai == "17" })
        #expect(expiry.date.day == 0)
        #expect(expiry.date.isoDate(referenceYear: 2026) == "2029-02-28")
        #expect(expiry.date.isoDate(referenceYear: 2026 + 70) == "2129-02-28")
        #expect(GS1Date(year: 28, yearHasCentury: false, month: 2, day: 0, hour: nil, minute: nil, second: nil).isoDate(referenceYear: 2026) == "2028-02-29")
        let production = try #require(scan.dates.first { $0.ai == "11" })
        #expect(production.date.isoDate(referenceYear: 2026) == "1999-12-31")
        #expect(production.title == "PROD DATE")
    }

    @Test func associationRulesBecomeNotes() {
        // (21) alone is a valid serial barcode; the missing (01) is noted for the intake session,
        // which judges associations over all barcodes of the item.
        let scan = Barcode.interpret("]C121ABC123")
        #expect(scan.kind == .serial)
        #expect(scan.notes.contains { $0.contains("(21)") && $0.contains("(01)") })
    }

    @Test func threeTextForms() throws {
        let scan = Barcode.interpret("]C101095011010209171719050810ABCD1234\u{1D}2110")
        let message = try #require(scan.gs1Message)
        #expect(message.hri == "(01)09501101020917(17)190508(10)ABCD1234(21)10")
        #expect(message.elementString() == "01095011010209171719050810ABCD1234\u{1D}2110")
        #expect(message.dataString == "^01095011010209171719050810ABCD1234^2110")
        #expect(try GS1Message(hri: message.hri) == message)
        #expect(scan.symbology?.symbology == .gs1_128)
    }

    @Test func invisibleCharactersAreNamedInMessages() throws {
        // An envelope trailer (RS EOT) left after GS1 data: the message must say which character.
        let scan = Barcode.interpret("]C1010950110102091721ABC\u{1E}\u{04}")
        guard case .invalid(let error) = scan.kind else {
            Issue.record("accepted as \(scan.kind)")
            return
        }
        #expect(error.code == .invalidCharacter)
        #expect(error.message.contains("RS (0x1E)"), "\(error.message)")
    }

    @Test func eanWithCompositeComponent() {
        let scan = Barcode.interpret("]E02112345678900|]e099COMPOSITE\u{1D}98XYZ")
        #expect(scan.kind == .product)
        #expect(scan.gtin == "02112345678900")
        #expect(scan.gs1Message?.value(for: "98") == "XYZ")
    }

    @Test func vendorSerials() throws {
        let dell = try #require(VendorSerial.dell("9WKKWQ1"))
        // Base 36 digits 9, W=32, K=20, K=20, W=32, Q=26, 1.
        let base36 = ((((((9 * 36 + 32) * 36 + 20) * 36 + 20) * 36 + 32) * 36 + 26) * 36 + 1)
        #expect(dell.expressServiceCode == String(base36))
        #expect(dell.expressServiceCode == "21560526505")
        #expect(VendorSerial.dell("ABCDEFG") == nil)  // no digit
        #expect(VendorSerial.dell("1234567") == nil)  // no letter
        let hp = try #require(VendorSerial.hp("CND1234XYZ"))
        #expect(hp.manufactureYearDigit == 1 && hp.manufactureWeek == 23)
        #expect(VendorSerial.hp("CND1994XYZ") == nil)  // week 99
        let lenovo = try #require(VendorSerial.lenovo("1S20XW003JGEPF2ABCDE"))
        #expect(lenovo.productCode == "20XW003JGE" && lenovo.serial == "PF2ABCDE")
        #expect(VendorSerial.lenovo("1S20XW003JGEPF2ABCD") == nil)
        let scan = Barcode.interpret("]A09WKKWQ1")
        #expect(scan.vendor?.vendor == .dell)
    }

    @Test func format06FieldsWithoutDataIdentifierAreNoted() {
        // "s12345" starts with a lower-case letter: no MH10.8.2 DI (up to three digits and an upper-case letter).
        let scan = Barcode.interpret("[)>\u{1E}06\u{1D}1PABC-123\u{1D}s12345\u{1E}\u{04}")
        #expect(scan.kind == .product)
        #expect(scan.notes.contains { $0.contains("s12345") && $0.contains("no MH10.8.2 data identifier") }, "\(scan.notes)")
    }

    @Test func furtherSerialsOfAMultipackAreNoted() {
        let scan = Barcode.interpret("[)>\u{1E}06\u{1D}1PABC-123\u{1D}SX1\u{1D}SY2\u{1D}SX1\u{1E}\u{04}")
        #expect(scan.kind == .productAndSerial)
        #expect(scan.serial == "X1")
        #expect(scan.notes.contains { $0.contains("Y2") && $0.contains("only X1") }, "\(scan.notes)")
    }

    @Test func envelopeDeviationsAreNoted() {
        let scan = Barcode.interpret(">[)>06\u{1D}K21421337\u{1D}1PLDK320ADU33R\u{1D}Q32")
        #expect(scan.kind == .product)
        #expect(scan.productCode == "LDK320ADU33R")
        #expect(scan.notes.count == 3)
    }

    @Test func interpretNeverCrashesOnOddInput() {
        let odd = ["]Y9", "]Y1a", "\u{1D}\u{1D}", "((((", "(01", "https://", "[)>\u{1E}", "1S", "]E3123", "]E1", "\u{0}", "😀", "]C1\u{1D}"]
        for text in odd { _ = Barcode.interpret(text) }
        #expect(!Barcode.interpret("]E3123").isValid)
    }
}

@Suite("Interpret sweep")
struct InterpretSweepTests {
    /// Every string input of biip's full test suite goes through `interpret` and the GS1 readers
    /// without a crash, and each result is either valid or carries a reason.
    @Test func biipInputsNeverCrash() throws {
        let cases = try #require(try Fixtures.json("gs1/biip-5.2.0_test_cases.json") as? [[String: Any]])
        var inputs: [String] = []
        for testCase in cases {
            for case let value as String in (testCase["params"] as? [String: Any] ?? [:]).values { inputs.append(value) }
        }
        #expect(inputs.count > 400)
        for input in inputs {
            let scan = Barcode.interpret(input)
            if case .invalid(let error) = scan.kind { #expect(!error.message.isEmpty) }
            _ = try? GS1Message.extract(hri: input)
            _ = try? GS1Message.extract(elementString: input)
            _ = try? GS1DigitalLink.extract(input)
            _ = try? GS1ScanData.process(input)
        }
    }
}
