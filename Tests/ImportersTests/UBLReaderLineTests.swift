import Foundation
import Importers
import Testing
import TitleholdCore

/// No official invoice example carries `cac:ItemInstance/cbc:SerialID` (fixtures README, "Known
/// gaps"), so the serials of Peppol's DespatchAdvice use case 5 are put into a real invoice line.
@Suite("UBL invoice lines: serials, quantities, GTIN schemes")
struct UBLReaderLineTests {
    static let base = "einvoice/peppol-bis3_base-example.xml"
    static let firstItemID = "<cbc:ID schemeID=\"0088\">21382183120983</cbc:ID>"

    static func firstLine(quantity: String = "7", itemExtra: String = "", scheme: String? = nil) throws -> ImportedDocument.Line {
        var text = try Fixtures.text(base)
        text = text.replacingOccurrences(of: "<cbc:InvoicedQuantity unitCode=\"DAY\">7</cbc:InvoicedQuantity>",
                                         with: "<cbc:InvoicedQuantity unitCode=\"DAY\">\(quantity)</cbc:InvoicedQuantity>")
        if let scheme, let range = text.range(of: firstItemID) {
            text.replaceSubrange(range, with: "<cbc:ID schemeID=\"\(scheme)\">07311100000047</cbc:ID>")
        }
        if let range = text.range(of: "</cac:ClassifiedTaxCategory>") {
            text.replaceSubrange(range, with: "</cac:ClassifiedTaxCategory>" + itemExtra)
        }
        let document = try UBLReader.read(Data(text.utf8), fileName: base)
        return try #require(document.lines.first)
    }

    @Test("several SerialIDs per line, in order, from ItemInstance")
    func serials() throws {
        let serials = ["OR250RHZ444", "OR250RHZ4464", "OR250RHZ445", "OR250RHZ446"]  // DespatchAdvice-UseCase5
        let instances = serials.map { "<cac:ItemInstance><cbc:SerialID>\($0)</cbc:SerialID></cac:ItemInstance>" }.joined()
        let line = try Self.firstLine(quantity: "4", itemExtra: instances)
        #expect(line.serials == serials)
        #expect(line.wholeUnits == 4)
    }

    @Test("whole units only for whole quantities", arguments: [
        ("2", 2), ("2.00", 2), ("+3", 3), ("-1", -1), ("0", 0), ("2.5", nil), ("0.001", nil),
    ] as [(String, Int?)])
    func wholeUnits(_ quantity: String, _ expected: Int?) throws {
        let line = try Self.firstLine(quantity: quantity)
        #expect(line.quantity == quantity)
        #expect(line.wholeUnits == expected)
    }

    @Test("GTIN only for scheme 0160 or GTIN, in any case", arguments: [
        ("0160", "07311100000047"), ("GTIN", "07311100000047"), ("gtin", "07311100000047"), ("0088", nil), ("0209", nil),
    ] as [(String, String?)])
    func gtinSchemes(_ scheme: String, _ expected: String?) throws {
        #expect(try Self.firstLine(scheme: scheme).gtin == expected)
    }

    /// Elements are matched on namespace URI, so other prefixes, or a default namespace on an inner
    /// element (as the OASIS example does for ClassifiedTaxCategory), read the same.
    @Test("prefixes do not matter, namespaces do")
    func namespacesNotPrefixes() throws {
        let original = try Fixtures.text(Self.base)
        let renamed = original.replacingOccurrences(of: "cbc:", with: "b:").replacingOccurrences(of: "xmlns:cbc=", with: "xmlns:b=")
            .replacingOccurrences(of: "cac:", with: "agg:").replacingOccurrences(of: "xmlns:cac=", with: "xmlns:agg=")
        #expect(renamed != original)
        let a = try UBLReader.read(Data(original.utf8), fileName: "a")
        let b = try UBLReader.read(Data(renamed.utf8), fileName: "b")
        #expect(a == b)
        // The same local names in another namespace are not UBL's: the amount due is not found.
        let foreign = original.replacingOccurrences(of: "CommonBasicComponents-2", with: "CommonBasicComponents-X")
        #expect(throws: ImportError.self) { try UBLReader.read(Data(foreign.utf8), fileName: "c") }
    }
}
