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

    /// `TxDtls/AmtDtls` (and from .03 on `TxDtls/Amt`) is optional, and banks leave it out of
    /// batch transactions (the ING batch in github viafintech/camt_parser,
    /// spec/fixtures/053/valid_example_with_batch.xml, gives no transactions at all). A batch
    /// whose transactions do not all state their amount cannot be split: it stays one entry of
    /// the amount booked, never one entry of that amount per transaction.
    @Test("a batch whose transactions do not all state an amount stays one entry of the booked amount")
    func batchWithoutTransactionAmounts() throws {
        let secondAmount = """
                                    <AmtDtls>
                                        <TxAmt>
                                            <Amt Ccy="EUR">100.00</Amt>
                                        </TxAmt>
                                    </AmtDtls>

            """
        let data = try Fixtures.edited("bank/oca_test-camt053.xml", replacing: secondAmount, with: "")
        let entries = try CAMT053Reader.read(data, fileName: "oca")
        #expect(entries.map(\.amount) == [Cents(75425), Cents(66405), Cents(140531)])
        #expect(entries.map(\.position) == [1, 2, 3])
        let batch = entries[1]
        #expect(!batch.isCredit && batch.isReversal)
        #expect(batch.unstructured == ["Direct Debit S14 0410", "Direct Debit S14 0410"])
        #expect(batch.endToEndID == nil)  // the two transactions name different ones
        #expect(batch.sourceLocation?.hasSuffix("Stmt/Ntry[2]") == true)
    }

    /// `BkToCstmrStmt/Stmt` is required (1..n); genkgo/camt's test/data/camt053.v2.wrong.xml is
    /// a group header alone, which was read as a statement without payments.
    @Test("a statement message without any Stmt is refused, not read as a day without payments")
    func noStatement() throws {
        let wrong = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>CAMT053RIB000000000001</MsgId><CreDtTm>2015-03-10T18:43:50+00:00</CreDtTm></GrpHdr>
              </BkToCstmrStmt>
            </Document>
            """
        do {
            _ = try CAMT053Reader.read(Data(wrong.utf8), fileName: "statement.xml")
            Issue.record("a statement message without statements was accepted")
        } catch {
            #expect(error.message.contains("holds no statement (Stmt)"))
            #expect(error.location == "line 3, Document/BkToCstmrStmt")
        }
        let emptyDay = try Fixtures.text("bank/genkgo_camt053.v2.minimal.xml")
            .replacingOccurrences(of: #"<Ntry>[\s\S]*</Ntry>"#, with: "", options: .regularExpression)
        #expect(!emptyDay.contains("<Ntry>"))
        #expect(try CAMT053Reader.read(Data(emptyDay.utf8), fileName: "statement.xml").isEmpty)
    }
}
