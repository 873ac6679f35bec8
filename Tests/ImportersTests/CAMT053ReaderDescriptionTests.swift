import Foundation
import Importers
import Testing

/// One entry of a statement, and the remittance text and description the reader must give it.
struct DescriptionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var data: @Sendable () throws -> Data
    /// Which of the returned entries (0-based) is checked.
    var entry: Int = 0
    var unstructured: [String] = []
    var structured: [String] = []
    var additionalInformation: [String] = []
    var testDescription: String { name }
}

/// `Ntry/AddtlNtryInf` and `TxDtls/AddtlTxInf` are the bank's words, taken as the remittance text
/// only for a transaction without any `RmtInf`. Real files: OCA's test-camt053 (github OCA/
/// bank-statement-import) gives a credit whose only description is `AddtlTxInf`; a Raiffeisen
/// export (github kedder/ofxstatement-iso20022, tests/samples/davider80.xml) gives entries without
/// `TxDtls` whose only description is `AddtlNtryInf` ("Accredito …").
@Suite("camt.053: the bank's description stands in only for missing remittance information")
struct CAMT053ReaderDescriptionTests {
    static let genkgo = "bank/genkgo_camt053.v2.minimal.xml"
    static let oca = "bank/oca_test-camt053.xml"
    static let genkgoRmtInf = #"<RmtInf>[\s\S]*</RmtInf>"#
    static let genkgoDetails = #"<NtryDtls>[\s\S]*</NtryDtls>"#

    static let cases: [DescriptionCase] = [
        DescriptionCase(name: "OCA credit without RmtInf: AddtlTxInf", data: { try Fixtures.data(oca) }, entry: 3,
                        additionalInformation: ["#RD PARTY MEDIA CUSNO 90782 4210773"]),
        DescriptionCase(name: "OCA debit with RmtInf/Ustrd and AddtlTxInf: Ustrd only", data: { try Fixtures.data(oca) }, entry: 0,
                        unstructured: ["Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014"]),
        DescriptionCase(name: "entry without TxDtls, only AddtlNtryInf (Raiffeisen)", data: {
            try Fixtures.edited(genkgo, matching: genkgoDetails, with: "<AddtlNtryInf>Accredito fattura 2014-0042</AddtlNtryInf>")
        }, additionalInformation: ["Accredito fattura 2014-0042"]),
        DescriptionCase(name: "TxDtls without RmtInf or AddtlTxInf: AddtlNtryInf", data: {
            try Fixtures.edited(genkgo, matching: #"<RmtInf>[\s\S]*</RmtInf>(\s*</TxDtls>\s*</NtryDtls>)"#,
                                with: "$1<AddtlNtryInf>Accredito 2014-0042</AddtlNtryInf>")
        }, additionalInformation: ["Accredito 2014-0042"]),
        DescriptionCase(name: "TxDtls without RmtInf: its AddtlTxInf, not the entry's AddtlNtryInf", data: {
            try Fixtures.edited(genkgo, matching: #"<RmtInf>[\s\S]*</RmtInf>(\s*</TxDtls>\s*</NtryDtls>)"#,
                                with: "<AddtlTxInf>Fact. 2014-0042</AddtlTxInf>$1<AddtlNtryInf>SEPA credit</AddtlNtryInf>")
        }, additionalInformation: ["Fact. 2014-0042"]),
        DescriptionCase(name: "structured reference beside AddtlTxInf and AddtlNtryInf: the reference only", data: {
            try Fixtures.edited(genkgo, matching: #"(</RmtInf>\s*</TxDtls>\s*</NtryDtls>)"#,
                                with: "</RmtInf><AddtlTxInf>Fact. 2014-0042</AddtlTxInf></TxDtls></NtryDtls><AddtlNtryInf>Fact. 2014-0043</AddtlNtryInf>")
        }, structured: ["4654654654654654"]),
        DescriptionCase(name: "an empty Ustrd is no remittance information", data: {
            try Fixtures.edited(genkgo, matching: genkgoRmtInf, with: "<RmtInf><Ustrd> </Ustrd></RmtInf><AddtlTxInf>Fact. 2014-0042</AddtlTxInf>")
        }, additionalInformation: ["Fact. 2014-0042"]),
        // The second direct debit of OCA's batch without its RmtInf and AddtlTxInf, the batch
        // described by AddtlNtryInf: that describes the batch, not this one transaction.
        DescriptionCase(name: "a transaction of a split batch never takes the entry's AddtlNtryInf", data: {
            try Fixtures.edited(oca, matching: #"<RmtInf>\s*<Ustrd>[^<]*</Ustrd>\s*</RmtInf>(\s*<RtrInf>\s*<Rsn>\s*<Cd>[^<]*</Cd>\s*</Rsn>\s*</RtrInf>)\s*<AddtlTxInf>[^<]*</AddtlTxInf>(\s*</TxDtls>\s*</NtryDtls>)"#,
                                with: "$1$2<AddtlNtryInf>Batch 2014-0042</AddtlNtryInf>")
        }, entry: 2),
    ]

    @Test("remittance text and the bank's description", arguments: cases)
    func description(_ expected: DescriptionCase) throws {
        let entries = try CAMT053Reader.read(try expected.data(), fileName: "statement.xml")
        let entry = try #require(entries.indices.contains(expected.entry) ? entries[expected.entry] : nil)
        #expect(entry.unstructured == expected.unstructured)
        #expect(entry.structuredReferences == expected.structured)
        #expect(entry.additionalInformation == expected.additionalInformation)
        #expect(entry.remittanceText == expected.unstructured + expected.additionalInformation)
    }
}
