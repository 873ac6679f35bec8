import Testing
@testable import Barcode

/// Code 128 set B, checked against an independent encoder's output (python-barcode 0.15, which
/// picks set B for these texts) and the symbology's structural rules.
@Suite struct Code128Tests {
    func bits(_ text: String) throws -> String {
        var out = ""
        for (i, w) in try Code128.modules(text).enumerated() { out += String(repeating: i % 2 == 0 ? "1" : "0", count: w) }
        return out
    }

    @Test func controlBarcodeMatchesAnIndependentEncoder() throws {
        #expect(try bits("TH:END") == "11010010000110111000101100010100011100100110100011010001011100011010110001000100111101001100011101011")
    }

    @Test func everySymbolIsElevenModulesAndTheStopThirteen() {
        #expect(Code128.patterns.count == 107)
        #expect(Code128.patterns.dropLast().allSatisfy { $0.compactMap { Int(String($0)) }.reduce(0, +) == 11 })
        #expect(Code128.patterns.last?.compactMap { Int(String($0)) }.reduce(0, +) == 13)
        #expect(Set(Code128.patterns).count == 107)
    }

    @Test func checkSymbolIsTheWeightedSumModulo103() throws {
        // Start B (104) + 'A'(33)×1 + 'B'(34)×2 = 205; 205 mod 103 = 102.
        #expect(try Code128.symbols("AB") == [104, 33, 34, 102, 106])
    }

    @Test func refusesWhatSetBCannotEncode() {
        #expect(throws: Code128.EncodingError.self) { try Code128.symbols("a\u{1D}b") }
    }
}
