import Foundation
import Importers
import Testing

@Suite("camt.053 reader refuses what it cannot book")
struct CAMT053ReaderRefusalTests {
    static let oca = "bank/oca_test-camt053.xml"

    static let cases: [RefusalCase] = [
        RefusalCase(name: "OCA camt.054.001.04 notification", data: { try Fixtures.data("bank/oca_test-camt054.xml") },
                    messageContains: ["camt.054", "urn:iso:std:iso:20022:tech:xsd:camt.054.001.04", "camt.053"], locationPrefix: "line 2"),
        RefusalCase(name: "genkgo camt.054.001.02 notification", data: { try Fixtures.data("bank/genkgo_camt054.v2.xml") },
                    messageContains: ["camt.054", "camt.054.001.02"]),
        RefusalCase(name: "camt.052 intraday report", data: {
            try Fixtures.edited(oca, replacing: "camt.053.001.02", with: "camt.052.001.02")
        }, messageContains: ["camt.052", "intraday"]),
        RefusalCase(name: "camt.053.001.01 is older than supported", data: {
            try Fixtures.edited(oca, replacing: "camt.053.001.02", with: "camt.053.001.01")
        }, messageContains: ["camt.053.001.01", "too old"]),
        RefusalCase(name: "a UBL invoice is no statement", data: { try Fixtures.data("einvoice/si-ubl-2.0_ok_base.xml") },
                    messageContains: ["<Invoice>", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", "camt.053"]),
        RefusalCase(name: "Document without namespace", data: { Data("<Document><BkToCstmrStmt/></Document>".utf8) },
                    messageContains: ["<Document>", "no namespace", "camt.053"]),
        RefusalCase(name: "entry in USD", data: {
            try Fixtures.edited(oca, replacing: "<Amt Ccy=\"EUR\">1405.31</Amt>", with: "<Amt Ccy=\"USD\">1405.31</Amt>")
        }, messageContains: ["USD", "EUR", "13.1"], locationPrefix: "line 229"),
        RefusalCase(name: "batch transaction in CHF", data: {
            try Fixtures.edited(oca, replacing: "<Amt Ccy=\"EUR\">100.00</Amt>", with: "<Amt Ccy=\"CHF\">100.00</Amt>")
        }, messageContains: ["CHF", "transaction 2"]),
        RefusalCase(name: "non-numeric amount", data: {
            try Fixtures.edited(oca, replacing: "<Amt Ccy=\"EUR\">754.25</Amt>", with: "<Amt Ccy=\"EUR\">754,25</Amt>")
        }, messageContains: ["'754,25'", "not an amount"]),
        RefusalCase(name: "negative amount", data: {
            try Fixtures.edited(oca, replacing: "<Amt Ccy=\"EUR\">754.25</Amt>", with: "<Amt Ccy=\"EUR\">-754.25</Amt>")
        }, messageContains: ["negative", "CdtDbtInd"]),
        RefusalCase(name: "unknown credit/debit indicator", data: {
            try Fixtures.edited(oca, replacing: "<CdtDbtInd>CRDT</CdtDbtInd>\n                <Sts>", with: "<CdtDbtInd>CREDIT</CdtDbtInd>\n                <Sts>")
        }, messageContains: ["'CREDIT'", "CRDT or DBIT"]),
        RefusalCase(name: "booking date not a date", data: {
            try Fixtures.edited(oca, replacing: "<Dt>2014-01-05</Dt>\n                </BookgDt>", with: "<Dt>05-01-2014</Dt>\n                </BookgDt>")
        }, messageContains: ["booking date", "05-01-2014"]),
        RefusalCase(name: "entry without status", data: {
            try Fixtures.edited(oca, replacing: "<Sts>BOOK</Sts>", with: "")
        }, messageContains: ["status", "Sts"]),
    ]

    @Test("refusal table", arguments: cases)
    func refuses(_ refusal: RefusalCase) throws {
        try ImportRefusalTests.check(refusal, file: "statement.xml") { data, name throws(ImportError) in
            _ = try CAMT053Reader.read(data, fileName: name)
        }
    }
}
