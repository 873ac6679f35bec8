import Foundation
import Testing
import TitleholdCore
@testable import Documents

/// The package root, three levels above this file.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func day(_ text: String) throws -> Day { try #require(Day(iso: text)) }

@Suite struct WarrantySheetTests {
    let templates: TemplateLibrary
    let catalog: WarrantyCatalog

    init() throws {
        templates = try TemplateLibrary(directory: packageRoot.appendingPathComponent("Resources/templates"))
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Resources/warranty/catalog.tsv"), encoding: .utf8)
        catalog = try WarrantyCatalog(tsv: text)
    }

    /// A Dell Latitude 5440 delivered 2025-04-01, seen on 2026-04-15 (36 months: active).
    func latitude() throws -> (WarrantyStatus, Day) {
        let delivered = try day("2025-04-01")
        let item = WarrantyItem(serial: "7XK9P23", name: "Dell Latitude 5440", deliveredOn: delivered)
        return (WarrantyRule.status(item: item, catalog: catalog, override: nil, on: try day("2026-04-15")), delivered)
    }

    @Test func theHTMLSheetShowsTheSerialAsABarcodeAndTheArticle18_1Line() throws {
        let (status, delivered) = try latitude()
        let html = try WarrantySheet.html(status, serial: "7XK9P23", client: "Bakkerij Jansen BV", deliveredOn: delivered,
                                          on: try day("2026-04-15"), templates: templates)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(html.contains(">7XK9P23</text>"), "the barcode's human-readable line")
        #expect(html.contains("<td>7XK9P23</td>"))
        #expect(html.contains("Bakkerij Jansen BV"))
        #expect(html.contains("Art. 18.1"))
        #expect(html.contains("geen garantie boven de fabrieksgarantie"))
        #expect(html.contains("the supplier gives no warranty on hardware beyond the manufacturer&#39;s factory warranty"))
        #expect(html.contains("<td>2028-03-31</td>"), "end of 36 months from 2025-04-01")
        #expect(html.contains("state-active"))
        #expect(html.contains("https://www.dell.com/support"))
        #expect(html.contains("size: A4"))
        #expect(!html.contains("{{"))
    }

    @Test func theClientNameIsEscapedButTheBarcodeIsNot() throws {
        let (status, delivered) = try latitude()
        let html = try WarrantySheet.html(status, serial: "7XK9P23", client: "Jansen <script>alert(1)</script> & Zn",
                                          deliveredOn: delivered, templates: templates)
        #expect(html.contains("Jansen &lt;script&gt;alert(1)&lt;/script&gt; &amp; Zn"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test func aSerialCode128CannotDrawIsPrintedWithoutABarcode() throws {
        let (status, delivered) = try latitude()
        let html = try WarrantySheet.html(status, serial: "SN-Ä1", client: nil, deliveredOn: delivered, templates: templates)
        #expect(!html.contains("<svg"))
        #expect(html.contains("<td>SN-Ä1</td>"))
        #expect(!html.contains("Klant"), "no client row without a client")
    }

    @Test func anUnknownWarrantySaysSoAndStillCarriesTheLine() throws {
        let delivered = try day("2026-01-05")
        let item = WarrantyItem(serial: "NONAME-1", name: "Unbranded USB hub", deliveredOn: delivered)
        let status = WarrantyRule.status(item: item, catalog: catalog, override: nil, on: try day("2026-02-01"))
        let html = try WarrantySheet.html(status, serial: "NONAME-1", client: nil, deliveredOn: delivered, templates: templates)
        #expect(html.contains("Onbekend"))
        #expect(html.contains("state-unknown"))
        #expect(html.contains("Art. 18.1"))
        #expect(html.contains("no catalog row matches"))
    }

    @Test func theTextSheetPrintsValuesAsTheyAre() throws {
        let (status, delivered) = try latitude()
        let text = try WarrantySheet.text(status, serial: "7XK9P23", client: "Jansen <&> Zn", deliveredOn: delivered,
                                          on: try day("2026-04-15"), templates: templates)
        #expect(text.contains("Serienummer / Serial:      7XK9P23"))
        #expect(text.contains("Klant / Client:            Jansen <&> Zn"))
        #expect(text.contains("Einde / End:               2028-03-31"))
        #expect(text.contains("Status:                    Actief / Active (active)"))
        #expect(text.contains("the supplier gives no warranty on hardware beyond the manufacturer's factory warranty"))
        #expect(!text.contains("<svg"))
        #expect(!text.contains("&lt;"))
    }

    @Test func daysLeftReadsForPeople() throws {
        let (status, delivered) = try latitude()
        var expired = status
        expired.daysLeft = -3
        expired.state = .expired
        let values = WarrantySheet.values(expired, serial: "X", client: nil, deliveredOn: delivered, on: nil)
        #expect(values["daysLeft"] as? String == "verlopen sinds 3 dagen / expired 3 days ago")
        var lastDay = status
        lastDay.daysLeft = 0
        #expect(WarrantySheet.values(lastDay, serial: "X", client: nil, deliveredOn: delivered, on: nil)["daysLeft"] as? String
                == "0 dagen / days")
    }
}
