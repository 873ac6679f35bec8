import Foundation
import Importers
import Testing
import TitleholdCore

@Suite("camt.053 reader on the real bank statement fixtures")
struct CAMT053ReaderFixtureTests {
    static func read(_ file: String) throws -> [StatementEntry] {
        try CAMT053Reader.read(try Fixtures.data("bank/" + file), fileName: file)
    }

    /// The real Rabobank export: 132 statements, 9 booked entries. The Go test beside it
    /// (`mpdroog-invoiced_camt053_test.go.txt`) expects 3 customer payments, the first 4425.25 on
    /// 2016-08-15 from NL62ABNA0408441224 "XS NEWS B V" for invoice 2016Q3-0004.
    @Test("Rabobank: all nine booked entries, credits and debits, in file order")
    func rabobankEntries() throws {
        let entries = try Self.read("mpdroog-invoiced_rabobank_CAMT053.xml")
        #expect(entries.count == 9)
        #expect(entries.map(\.amount) == [407600, 582383, 442525, 1158961, 298299, 428576, 8, 451668, 582383].map { Cents($0) })
        #expect(entries.map(\.isCredit) == [false, false, true, false, true, false, false, true, true])
        #expect(entries.map(\.bookingDate.description) == [
            "2016-07-26", "2016-07-26", "2016-08-15", "2016-08-16", "2016-09-28", "2016-10-04", "2016-10-05", "2016-10-11", "2016-07-26",
        ])
        #expect(entries.map(\.position) == Array(1...9))
        #expect(entries.allSatisfy { $0.currency == "EUR" && !$0.isReversal })
        #expect(entries.map(\.accountIBAN) == Array(repeating: "NL17RABO0310029597", count: 8) + ["NL59RABO3181240869"])
        #expect(entries[3].valueDate?.description == "2016-08-17")
        #expect(entries[5].valueDate?.description == "2016-10-03")
        #expect(entries.allSatisfy { $0.bankReference == nil && $0.endToEndID == nil })  // Rabobank gave neither
    }

    @Test("Rabobank: the three customer payments the Go test expects")
    func rabobankCustomerPayments() throws {
        let customer = try Self.read("mpdroog-invoiced_rabobank_CAMT053.xml").filter { $0.isCredit && $0.debtorName == "XS NEWS B V" }
        #expect(customer.count == 3)
        let first = try #require(customer.first)
        #expect(first.amount == Cents(decimal: "4425.25"))
        #expect(first.bookingDate == Day(iso: "2016-08-15"))
        #expect(first.valueDate == Day(iso: "2016-08-15"))
        #expect(first.debtorIBAN == "NL62ABNA0408441224")
        #expect(first.statementID == "CAMT05300000104808500019")
        #expect(first.sourceLocation == "line 976, Document/BkToCstmrStmt/Stmt[19]/Ntry")
        #expect(customer.map(\.unstructured) == [["2016Q3-0004"], ["2016Q3-0005"], ["2016Q3-0006"]])
        #expect(customer.map(\.amount) == [442525, 298299, 451668].map { Cents($0) })
        #expect(customer.allSatisfy { $0.structuredReferences.isEmpty && $0.debtorIBAN == "NL62ABNA0408441224" })
    }

    @Test("Rabobank: a 'betalingskenmerk' arrives as both Ustrd text and a structured SCOR reference")
    func rabobankPaymentReference() throws {
        let taxPayment = try #require(try Self.read("mpdroog-invoiced_rabobank_CAMT053.xml").first)
        #expect(!taxPayment.isCredit)
        #expect(taxPayment.unstructured == ["BETALINGSKENM.  1067931951601240"])
        #expect(taxPayment.structuredReferences == ["1067931951601240"])
        #expect(taxPayment.debtorName == nil)  // a debit: the other party is the creditor
    }

    /// `oca_golden-camt053.pydata` is the OCA module's expected parse: four transactions, the
    /// reversed batch entry split into its two direct debits.
    @Test("OCA (ABN AMRO style): matches the golden parse, batch entry split per TxDtls")
    func ocaGolden() throws {
        let entries = try Self.read("oca_test-camt053.xml")
        let signed = entries.map { $0.isCredit ? $0.amount : -$0.amount }
        #expect(signed == [Cents(-75425), Cents(-56405), Cents(-10000), Cents(140531)])
        #expect(entries.map(\.endToEndID) == [
            "435005714488-ABNO33052620", "TESTBANK/NL/20141229/01206408", "TESTBANK/NL/20141229/01206407", "115",
        ])
        #expect(entries.allSatisfy { $0.bookingDate.description == "2014-01-05" && $0.accountIBAN == "NL77ABNA0574908765" })
        #expect(entries.allSatisfy { $0.statementID == "1234Test/1" })
        #expect(entries.map(\.isReversal) == [false, true, true, false])
        #expect(entries.map(\.unstructured) == [
            ["Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014"], ["Direct Debit S14 0410"], ["Direct Debit S14 0410"], [],
        ])
        #expect(entries.map(\.position) == [1, 2, 3, 4])
        #expect(entries[1].sourceLocation?.contains("TxDtls[1]") == true)
        #expect(entries[2].sourceLocation?.contains("TxDtls[2]") == true)
        let credit = try #require(entries.last)
        #expect(credit.debtorName == "3rd party Media")
        #expect(credit.debtorIBAN == "NL69ABNA0522123643")
    }

    @Test("genkgo .02 minimal: structured creditor reference 4654654654654654")
    func genkgoMinimal() throws {
        let entries = try Self.read("genkgo_camt053.v2.minimal.xml")
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.structuredReferences == ["4654654654654654"])
        #expect(entry.unstructured.isEmpty)
        #expect(entry.amount == Cents(885) && entry.isCredit)
        #expect(entry.bookingDate.description == "2014-12-31")
        #expect(entry.valueDate?.description == "2015-01-02")
        #expect(entry.accountIBAN == "NL26VAYB8060476890")
        #expect(entry.statementID == "253EURNL26VAYB8060476890")
        #expect(entry.debtorName == "NAME NAME")
        #expect(entry.debtorIBAN == "NL56AGDH9619008421")
    }

    /// In .08 `Sts` has a `Cd`, names sit under `Pty`, and the booking date is a date-time; the
    /// single `TxDtls` carries `Amt Ccy="SEK"` 0, but the entry's EUR 8.85 is what was booked
    /// (genkgo's expected.json agrees: 885 EUR).
    @Test("genkgo .08: Sts/Cd, Dbtr/Pty/Nm, BookgDt/DtTm, AcctSvcrRef, EndToEndId")
    func genkgoVersion8() throws {
        let entries = try Self.read("genkgo_camt053.v8.xml")
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.amount == Cents(885) && entry.currency == "EUR" && entry.isCredit)
        #expect(entry.bookingDate.description == "2014-12-31")
        #expect(entry.bankReference == "AAAASESS-FP-CN_98765/01")
        #expect(entry.endToEndID == "MUELL/FINP/RA12345")
        #expect(entry.structuredReferences == ["4654654654654654"])
        #expect(entry.debtorName == "NAME NAME")
        #expect(entry.debtorIBAN == "NL56AGDH9619008421")
        #expect(entry.accountIBAN == nil)  // this statement names its account under Acct/Id/Othr, not IBAN
    }

    @Test("genkgo multi-statement: entries of both statements, each with its own statement id")
    func genkgoMultiStatement() throws {
        let entries = try Self.read("genkgo_camt053.v2.multi.statement.xml")
        #expect(entries.map(\.statementID) == ["253EURNL26VAYB8060476890", "254EURNL26VAYB8060476890"])
        #expect(entries.map(\.amount) == [Cents(885), Cents(700)])
        #expect(entries.map(\.isCredit) == [true, false])
        #expect(entries.map(\.endToEndID) == ["000000001", "000000002"])
        #expect(entries.map(\.unstructured) == [["Transaction Description 1"], ["Transaction Description 2"]])
    }

    /// The genkgo expected.json files are the PHP library's serialised parse; their last entry's
    /// amount (signed cents) and status must agree with ours.
    @Test("agrees with genkgo's expected.json", arguments: [
        "genkgo_camt053.v2.minimal", "genkgo_camt053.v2.multi.statement", "genkgo_camt053.v8",
    ])
    func agreesWithGenkgo(_ name: String) throws {
        let json = try JSONSerialization.jsonObject(with: try Fixtures.data("bank/\(name).expected.json")) as? [String: Any]
        let expectedEntries = try #require(json?["getEntries"] as? [[String: Any]])
        let expected = try #require(expectedEntries.last)
        let money = try #require(expected["getAmount"] as? [String: Any])
        let ours = try #require(try Self.read("\(name).xml").last)
        #expect((ours.isCredit ? ours.amount : -ours.amount).value == Int64(money["getAmount"] as? String ?? ""))
        #expect(expected["getStatus"] as? String == "BOOK")
        #expect(expected["getAccountServicerReference"] as? String == ours.bankReference)
    }

    @Test("pending and information entries are skipped; booked ones kept")
    func skipsUnbooked() throws {
        let file = "bank/oca_test-camt053.xml"
        let first = "<Sts>BOOK</Sts>"
        let pending = try Fixtures.text(file).replacingOccurrences(of: first, with: "<Sts>PDNG</Sts>", options: [], range: nil)
        #expect(try CAMT053Reader.read(Data(pending.utf8), fileName: file).isEmpty)
        let oneInfo = try Fixtures.edited(file, replacing: first, with: "<Sts>INFO</Sts>")
        let entries = try CAMT053Reader.read(oneInfo, fileName: file)
        #expect(entries.map(\.amount) == [Cents(56405), Cents(10000), Cents(140531)])
        #expect(entries.map(\.position) == [1, 2, 3])
        let v8 = try Fixtures.edited("bank/genkgo_camt053.v8.xml", replacing: "<Cd>BOOK</Cd>", with: "<Cd>PDNG</Cd>")
        #expect(try CAMT053Reader.read(v8, fileName: "v8").isEmpty)
    }

    @Test("EndToEndId NOTPROVIDED is no reference")
    func notProvided() throws {
        let data = try Fixtures.edited("bank/oca_test-camt053.xml", replacing: "<EndToEndId>115</EndToEndId>",
                                       with: "<EndToEndId>NOTPROVIDED</EndToEndId>")
        let entries = try CAMT053Reader.read(data, fileName: "oca")
        #expect(entries.last?.endToEndID == nil)
        #expect(entries.first?.endToEndID == "435005714488-ABNO33052620")
    }
}
