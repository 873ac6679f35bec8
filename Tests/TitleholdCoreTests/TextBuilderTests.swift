import Testing
@testable import TitleholdCore

/// `TextBuilder`, which writes the ownership rule's reasons: what it writes equals the same text
/// put together from string pieces.
@Suite struct TextBuilderTests {
    @Test(arguments: [0, 7, -7, 402, Int.max, Int.min, 1_000_000])
    func integersAsDecimalDigits(value: Int) {
        #expect(TextBuilder.string { $0.append(value) } == String(value))
    }

    @Test(arguments: ["", "F000055567", "SN ✓ ß 1", "a reference longer than fifteen bytes", "🧾🧾"])
    func textsLiteralsAndNumbersInOrder(piece: String) {
        let text = TextBuilder.string { text in
            text.append("invoice "); text.append(piece); text.append(" has "); text.append(-12); text.append(")")
        }
        #expect(text == "invoice \(piece) has -12)")
        #expect(text.utf8.count == 17 + piece.utf8.count)
    }

    @Test func nothingWrittenIsTheEmptyString() {
        #expect(TextBuilder.string { _ in }.isEmpty)
    }
}
