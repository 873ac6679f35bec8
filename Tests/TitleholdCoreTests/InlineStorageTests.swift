import Foundation
import Testing
@testable import TitleholdCore

/// The value types that keep a client's ledger free of heap objects on the `owned` path
/// (`InlineText`, `InvoiceIDList`, `Cents.description`): each must read back exactly what was
/// put in, and compare and hash by content whichever way it was made.
@Suite struct InlineStorageTests {
    static let texts = [
        "", "A", "SN9075B3EDD554DAD1", String(repeating: "7", count: 15), String(repeating: "7", count: 16),
        String(repeating: "x", count: 32), String(repeating: "x", count: 33), String(repeating: "long serial ", count: 20),
        "Café-Ünïcødé", "日本語のシリアル番号", "emoji 📦 box",
    ]

    @Test(arguments: texts)
    func inlineTextReadsBackWhatWasPutIn(text: String) {
        let fromString = InlineText(text)
        var copy = text
        let fromBytes = copy.withUTF8 { InlineText(utf8: UnsafeRawBufferPointer($0)) }
        #expect(fromString.string == text)
        #expect(fromBytes.string == text)
        #expect(fromString == fromBytes)
        #expect(fromString.hashValue == fromBytes.hashValue)
        #expect(fromString.description == text)
    }

    @Test func inlineTextsDifferWhenTheirTextsDo() {
        let all = Self.texts.map(InlineText.init)
        #expect(Set(all).count == Set(Self.texts).count)
        #expect(InlineText("ABC") != InlineText("ABD"))
        #expect(InlineText("AB") != InlineText("AB\u{0}"))
    }

    @Test func invalidUTF8IsRepairedWhenRead() {
        let bytes: [UInt8] = [0x53, 0x4E, 0xFF, 0x31]
        let text = bytes.withUnsafeBytes { InlineText(utf8: $0) }
        #expect(text.string == "SN\u{FFFD}1")
    }

    @Test func deliveredItemSerialIsKeptAndReplaced() {
        var item = ClientLedger.DeliveredItem(id: 1, serial: "SN0000000000000001", agreementID: nil,
                                              deliveredOn: Day(ordinal: 0), invoiceIDs: [])
        #expect(item.serial == "SN0000000000000001")
        item.serial = String(repeating: "Z", count: 40)
        #expect(item.serial == String(repeating: "Z", count: 40))
        #expect(item.serialText == InlineText(String(repeating: "Z", count: 40)))
    }

    @Test(arguments: [[Int64](), [7], [7, 9], [7, 9, 11], [1, 2, 3, 4, 5], [-1, 0, Int64.max]])
    func invoiceIDListHoldsItsIDsInOrder(ids: [Int64]) {
        var appended = InvoiceIDList()
        for id in ids { appended.append(id) }
        let made = InvoiceIDList(ids)
        #expect(Array(appended) == ids)
        #expect(Array(made) == ids)
        #expect(appended == made)
        #expect(appended.hashValue == made.hashValue)
        #expect(appended.count == ids.count)
        #expect(appended.isEmpty == ids.isEmpty)
        for id in ids { #expect(appended.contains(id)) }
        #expect(!appended.contains(123_456))
        #expect(appended.description == ids.description)
    }

    @Test func invoiceIDListsDifferByOrderAndLength() {
        #expect(InvoiceIDList([1, 2]) != InvoiceIDList([2, 1]))
        #expect(InvoiceIDList([1]) != InvoiceIDList([1, 0]))
        #expect(InvoiceIDList([1, 2, 3]) != InvoiceIDList([1, 2]))
        let literal: InvoiceIDList = [4, 5, 6]
        #expect(literal == InvoiceIDList([4, 5, 6]))
    }

    @Test(arguments: [
        (Int64(0), "EUR 0.00"), (5, "EUR 0.05"), (-5, "EUR -0.05"), (100, "EUR 1.00"), (123_456, "EUR 1,234.56"),
        (-123_456_789, "EUR -1,234,567.89"), (100_000_000, "EUR 1,000,000.00"),
        (Int64.max, "EUR 92,233,720,368,547,758.07"), (Int64.min, "EUR -92,233,720,368,547,758.08"),
    ])
    func centsAreWrittenForPeople(value: Int64, text: String) {
        #expect(Cents(value).description == text)
    }
}
