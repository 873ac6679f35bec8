import Barcode
import Foundation
import Testing
import TitleholdCore
@testable import Documents

/// The printable pickup manifest (issue "Planning", `titlehold pickups manifest VISIT`): serials with
/// Code 128 barcodes, the client's contact and the access clause of art. 10.3, rendered with the real
/// templates in `Resources/templates/pickups/`.
@Suite struct PickupManifestTests {
    /// Tests/DocumentsTests/ → package root → Resources/templates.
    private static let templates = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/templates")

    private static let visit = PlannedVisit(
        id: "3f0a91c2-20260330", clientID: 42, clientName: "Jansen & Zn <Holding>", siteAddress: "Keizersgracht 1, 1015 CJ Amsterdam",
        date: Day(iso: "2026-03-30") ?? Day(ordinal: 0), startMinute: 540, endMinute: 620, technician: 2,
        items: [
            .init(serial: "5CD1234XYZ", description: "HP EliteBook 840 G9", value: 145_000),
            .init(serial: "CN0-7GW8", description: "Dell dock WD19", value: 21_050),
            .init(serial: "SÉRIE-1", description: "Scherm", value: 100),
        ])

    private static let contact = PickupManifest.Contact(name: "Anna Jansen", phone: "+31 20 123 4567", email: "anna@example.nl")

    private func render(_ format: PickupManifest.Format, contact: PickupManifest.Contact = contact) throws -> String {
        let library = try TemplateLibrary(directory: Self.templates)
        return try PickupManifest(visit: Self.visit, contact: contact, supplierName: "IT Aanspreekpunt").render(format, with: library)
    }

    @Test func htmlListsEverySerialWithItsBarcode() throws {
        let html = try render(.html)
        for item in Self.visit.items.prefix(2) {
            #expect(html.contains(item.serial))
            #expect(html.contains(item.description))
            #expect(html.contains(try Code128.svg(item.serial)), "barcode of \(item.serial) missing or escaped")
        }
        // A serial Code 128 set B cannot encode is listed with the reason instead of a barcode.
        #expect(html.contains("SÉRIE-1"))
        #expect(html.contains("geen streepjescode"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)  // 2 serials + the visit id
        #expect(html.contains("Jansen &amp; Zn &lt;Holding&gt;"))
        #expect(!html.contains("Jansen & Zn <Holding>"))
        #expect(html.contains("maandag 30 maart 2026"))
        #expect(html.contains("09:00–10:20"))
        #expect(html.contains("Anna Jansen") && html.contains("+31 20 123 4567") && html.contains("anna@example.nl"))
        #expect(html.contains("Keizersgracht 1, 1015 CJ Amsterdam"))
    }

    @Test func bothFormatsQuoteTheAccessClauseOfArticle10_3() throws {
        let seed = try String(
            contentsOf: Self.templates.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("../shared/seeds/algemene-voorwaarden-it-aanspreekpunt.txt").standardizedFileURL,
            encoding: .utf8)
        let flattened = seed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let clause = PickupManifest.accessClause
        #expect(flattened.contains("3. " + clause), "the clause must be art. 10.3 of the seed terms word for word")
        for format in PickupManifest.Format.allCases {
            let output = try render(format)
            #expect(output.contains("10.3"))
            #expect(output.contains("vrije toegang"))
            #expect(output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(clause))
        }
    }

    @Test func textIsPlainWithACheckboxPerSerial() throws {
        let text = try render(.text)
        #expect(!text.contains("<svg"))
        #expect(!text.contains("&amp;"))
        #expect(text.contains("Jansen & Zn <Holding>"))
        #expect(text.contains("[ ] 1. 5CD1234XYZ  HP EliteBook 840 G9"))
        #expect(text.contains("[ ] 2. CN0-7GW8  Dell dock WD19"))
        #expect(text.contains("[ ] 3. SÉRIE-1  Scherm"))
        #expect(text.contains("Contactpersoon: Anna Jansen"))
        #expect(text.contains("€ 1.661,50"))
    }

    @Test func unknownContactPartsLeaveNoEmptyLabels() throws {
        let text = try render(.text, contact: .init(name: "Piet"))
        #expect(text.contains("Contactpersoon: Piet"))
        #expect(!text.contains("Telefoon:"))
        #expect(!text.contains("E-mail:"))
        let html = try render(.html, contact: .init())
        #expect(!html.contains("Contactpersoon"))
    }
}
