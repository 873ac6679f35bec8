import Foundation
import Importers
import Testing

@Suite("both readers refuse unsafe, damaged and foreign files")
struct ImportRefusalTests {
    static func check(_ refusal: RefusalCase, file: String, _ read: (Data, String) throws(ImportError) -> Void) throws {
        let data = try refusal.data()
        let error = #expect(throws: ImportError.self, "\(refusal.name)") { try read(data, file) }
        guard let error else { return }
        #expect(error.file == file)
        for fragment in refusal.messageContains {
            #expect(error.message.localizedCaseInsensitiveContains(fragment), "\(refusal.name): \(error)")
        }
        if let prefix = refusal.locationPrefix {
            #expect(error.location?.hasPrefix(prefix) == true, "\(refusal.name): \(error)")
        }
    }

    @Test("UBL reader", arguments: CommonRefusals.cases(fixture: "einvoice/oasis-ubl21_UBL-Invoice-2.1-Example.xml"))
    func ublRefuses(_ refusal: RefusalCase) throws {
        try Self.check(refusal, file: "in.xml") { data, name throws(ImportError) in _ = try UBLReader.read(data, fileName: name) }
    }

    @Test("camt.053 reader", arguments: CommonRefusals.cases(fixture: "bank/mpdroog-invoiced_rabobank_CAMT053.xml"))
    func camtRefuses(_ refusal: RefusalCase) throws {
        try Self.check(refusal, file: "in.xml") { data, name throws(ImportError) in _ = try CAMT053Reader.read(data, fileName: name) }
    }

    /// A file cut anywhere inside its root element is never read as a shorter document.
    @Test("every cut of every fixture is refused, never half-read", arguments: [
        "einvoice/peppol-bis3_base-example.xml", "einvoice/si-ubl-2.0_ok_full.xml", "einvoice/oasis-ubl21_UBL-CreditNote-2.1-Example.xml",
        "bank/oca_test-camt053.xml", "bank/genkgo_camt053.v8.xml", "bank/mpdroog-invoiced_rabobank_CAMT053.xml",
    ])
    func cutsAreRefused(_ fixture: String) throws {
        let whole = try Fixtures.data(fixture)
        let isInvoice = fixture.hasPrefix("einvoice/")
        for tenth in 1...9 {
            let cut = whole.prefix(whole.count * tenth / 10)
            let error = #expect(throws: ImportError.self, "\(fixture) cut at \(tenth)/10") {
                if isInvoice { _ = try UBLReader.read(cut, fileName: fixture) } else { _ = try CAMT053Reader.read(cut, fileName: fixture) }
            }
            #expect(error?.location?.hasPrefix("line ") == true)
            #expect(error?.message.contains("truncated") == true, "\(fixture) cut at \(tenth)/10: \(String(describing: error))")
        }
    }

    @Test("a DTD anywhere in an otherwise real invoice is refused before parsing")
    func dtdInRealInvoice() throws {
        let data = try Fixtures.edited("einvoice/si-ubl-2.0_ok_base.xml", replacing: "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                                       with: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE Invoice [<!ENTITY kvk \"SITEST00000\">]>")
        let error = #expect(throws: ImportError.self) { try UBLReader.read(data, fileName: "nl.xml") }
        #expect(error?.message.contains("declares a DTD/entities, which are refused") == true)
        #expect(error?.location == "line 2")
    }
}
