import Foundation
import Importers
import Testing
import TitleholdCore

/// Forms that real files take and the specifications allow, found by running public sample
/// files through the readers (the files themselves are named in each test). Each test shows the
/// form on one of the shared fixtures, changed only where the form differs.
@Suite("real-world forms the specifications allow")
struct RealWorldVariantTests {
    static let genkgo = "bank/genkgo_camt053.v2.minimal.xml"

    /// ISO 20022 `ISODate` and UBL `cbc:IssueDate` are XML Schema `xs:date`, which may carry a
    /// time zone. A Raiffeisen (Switzerland) camt.053.001.04 export writes every
    /// `BkToCstmrStmt/Stmt/Ntry/BookgDt/Dt` and `ValDt/Dt` as `2017-04-01+02:00`
    /// (github kedder/ofxstatement-iso20022, tests/samples/davider80.xml).
    @Test("xs:date with a time zone is the day as written")
    func dateWithTimeZone() throws {
        let camt = try Fixtures.text(Self.genkgo)
            .replacingOccurrences(of: "<Dt>2014-12-31</Dt>\n                </BookgDt>", with: "<Dt>2014-12-31+02:00</Dt>\n                </BookgDt>")
            .replacingOccurrences(of: "<Dt>2015-01-02</Dt>", with: "<Dt>2015-01-02Z</Dt>")
        #expect(camt.contains("2014-12-31+02:00") && camt.contains("2015-01-02Z"))
        let entry = try #require(try CAMT053Reader.read(Data(camt.utf8), fileName: "raiffeisen-style.xml").first)
        #expect(entry.bookingDate == Day(iso: "2014-12-31"))
        #expect(entry.valueDate == Day(iso: "2015-01-02"))

        let ubl = try Fixtures.edited("einvoice/peppol-bis3_base-example.xml", replacing: "<cbc:IssueDate>2017-11-13</cbc:IssueDate>",
                                      with: "<cbc:IssueDate>2017-11-13-05:00</cbc:IssueDate>")
        #expect(try UBLReader.read(ubl, fileName: "invoice.xml").issueDate == Day(iso: "2017-11-13"))
    }

    @Test("a time zone that is not one is still refused", arguments: ["2014-12-31+2:00", "2014-12-31+02", "2014-12-31 CET", "2014-12-31+15:00"])
    func badTimeZone(_ written: String) throws {
        let camt = try Fixtures.edited(Self.genkgo, replacing: "<Dt>2014-12-31</Dt>\n                </BookgDt>",
                                       with: "<Dt>\(written)</Dt>\n                </BookgDt>")
        do {
            _ = try CAMT053Reader.read(camt, fileName: "statement.xml")
            Issue.record("'\(written)' was taken as a date")
        } catch {
            #expect(error.message.contains("'\(written)' is not a date written YYYY-MM-DD"))
            #expect(error.location?.hasSuffix("BookgDt/Dt") == true)
        }
    }
}
