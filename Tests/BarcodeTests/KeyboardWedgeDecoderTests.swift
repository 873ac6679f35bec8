import Foundation
import Testing

@testable import Barcode

/// Boot-keyboard reports as a keyboard-wedge scanner sends them: one report with the key down,
/// one with all keys up.
private enum Key {
    static let shift: UInt8 = 0x02
    static let rightShift: UInt8 = 0x20
    static let ctrl: UInt8 = 0x01
    static let altGr: UInt8 = 0x40
    static let leftAlt: UInt8 = 0x04

    static func down(_ usages: UInt8..., modifiers: UInt8 = 0) -> [UInt8] {
        var report: [UInt8] = [modifiers, 0, 0, 0, 0, 0, 0, 0]
        for (slot, usage) in usages.enumerated() { report[2 + slot] = usage }
        return report
    }
    static let up: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
    /// Press and release.
    static func tap(_ usage: UInt8, _ modifiers: UInt8 = 0) -> [[UInt8]] { [down(usage, modifiers: modifiers), up] }
    static let enter = tap(0x28)
}

private func run(_ reports: [[UInt8]], _ decoder: inout KeyboardWedgeDecoder) -> [KeyboardWedgeDecoder.Event] {
    reports.map { decoder.decode($0) }.filter { $0 != .none }
}

private func run(_ reports: [[UInt8]], options: KeyboardWedgeDecoder.Options = .init()) -> [KeyboardWedgeDecoder.Event] {
    var decoder = KeyboardWedgeDecoder(options: options)
    return run(reports, &decoder)
}

@Suite("Keyboard-wedge decoding")
struct KeyboardWedgeDecoderTests {
    /// "]C1" + (01)09501101020917 (10)AB-7 GS (21)00Z, typed on a US layout with Shift for capitals,
    /// Ctrl+] for the group separator, and the "00" of the serial as two separate key presses.
    @Test func gs1StreamWithShiftCtrlAndRepeatedZeros() {
        var reports: [[UInt8]] = []
        reports += Key.tap(0x30)  // ]
        reports += Key.tap(0x06, Key.shift)  // C
        reports += Key.tap(0x1E)  // 1
        for digit in "0109501101020917" { reports += Key.tap(digit == "0" ? 0x27 : 0x1E + UInt8(String(digit))! - 1) }
        reports += Key.tap(0x1E) + Key.tap(0x27)  // 10
        reports += Key.tap(0x04, Key.shift) + Key.tap(0x05, Key.rightShift)  // A B (left and right Shift)
        reports += Key.tap(0x2D)  // -
        reports += Key.tap(0x24)  // 7
        reports += Key.tap(0x30, Key.ctrl)  // Ctrl+] = GS
        reports += Key.tap(0x1F) + Key.tap(0x1E)  // 21
        reports += [Key.down(0x27), Key.up, Key.down(0x27), Key.up]  // 0, release, 0 again
        reports += Key.tap(0x1D, Key.shift)  // Z
        reports += Key.enter
        let events = run(reports)
        #expect(events == [.scan("]C1010950110102091710AB-7\u{1D}2100Z")])
        let scan = Barcode.interpret("]C1010950110102091710AB-7\u{1D}2100Z")
        #expect(scan.kind == .productAndSerial)
        #expect(scan.gtin == "09501101020917")
        #expect(scan.lot == "AB-7")
        #expect(scan.serial == "00Z")
    }

    @Test func aNewKeyWhileAnotherIsHeldIsTyped() {
        // "0" held, "1" added in the next report, then both released: "01".
        let events = run([Key.down(0x27), Key.down(0x27, 0x1E), Key.up] + Key.enter)
        #expect(events == [.scan("01")])
    }

    @Test func sameKeyInConsecutiveReportsIsHeldUnlessConfigured() {
        let reports = [Key.down(0x27), Key.down(0x27), Key.up] + Key.enter
        #expect(run(reports) == [.scan("0")])
        var options = KeyboardWedgeDecoder.Options()
        options.consecutiveReportsArePresses = true
        #expect(run(reports, options: options) == [.scan("00")])
    }

    @Test func rolloverAndErrorReportsAreIgnored() {
        let rollover: [UInt8] = [0, 0, 1, 1, 1, 1, 1, 1]
        let postFail: [UInt8] = [0, 0, 2, 2, 2, 2, 2, 2]
        // "a" held across a rollover report stays held: typed once.
        let events = run([Key.down(0x04), rollover, Key.down(0x04), postFail, Key.up] + Key.enter)
        #expect(events == [.scan("a")])
    }

    @Test func keypadEnterAndSuffixEndAScan() {
        #expect(run(Key.tap(0x04) + Key.tap(0x58)) == [.scan("a")])
        var options = KeyboardWedgeDecoder.Options()
        options.suffix = "\t"
        #expect(run(Key.tap(0x04) + Key.tap(0x05) + Key.tap(0x2B), options: options) == [.scan("ab")])
    }

    @Test func altKeypadCodesTypeControlCharacters() {
        // Alt held, keypad 0 2 9, Alt released: GS.
        let reports = Key.tap(0x04) + [
            Key.down(0x62, modifiers: Key.leftAlt), Key.down(modifiers: Key.leftAlt), Key.down(0x5A, modifiers: Key.leftAlt),
            Key.down(modifiers: Key.leftAlt), Key.down(0x61, modifiers: Key.leftAlt), Key.down(modifiers: Key.leftAlt), Key.up,
        ] + Key.tap(0x05) + Key.enter
        #expect(run(reports) == [.scan("a\u{1D}b")])
    }

    @Test func isoEnvelopeControlCharacters() {
        // Ctrl+^ (Ctrl+Shift+6) = RS, Ctrl+D = EOT.
        let reports = Key.tap(0x23, Key.ctrl | Key.shift) + Key.tap(0x07, Key.ctrl) + Key.enter
        #expect(run(reports) == [.scan("\u{1E}\u{04}")])
    }

    @Test func truncatedReportRejectsTheScanInsteadOfPassingHalfOfIt() {
        var decoder = KeyboardWedgeDecoder()
        let events = run(Key.tap(0x04) + [[0, 0, 0x05]] + Key.tap(0x06) + Key.enter, &decoder)
        #expect(events.count == 2)
        if case .rejected(let error) = events.first { #expect(error.code == .badReport) } else { Issue.record("expected rejection") }
        if case .rejected(let error) = events.last { #expect(error.code == .incompleteScan) } else { Issue.record("expected rejection") }
        // The next scan is fine again.
        #expect(run(Key.tap(0x04) + Key.enter, &decoder) == [.scan("a")])
    }

    @Test func unmappedKeyRejectsTheScan() {
        var options = KeyboardWedgeDecoder.Options()
        options.layout = KeyboardLayout(name: "empty")
        let events = run(Key.tap(0x04) + Key.enter, options: options)
        guard case .rejected(let error) = events.first else {
            Issue.record("expected rejection, got \(events)")
            return
        }
        #expect(error.code == .incompleteScan)
    }

    @Test func garbageNeverCrashes() {
        var decoder = KeyboardWedgeDecoder()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var scans = 0
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 60)
            let report = (0..<length).map { UInt8(truncatingIfNeeded: state >> (8 * UInt64($0 % 8))) }
            if case .scan = decoder.decode(report) { scans += 1 }
        }
        #expect(decoder.pending.count <= 8192)
        _ = scans
    }
}

@Suite("Keyboard layouts")
struct KeyboardLayoutTests {
    static let directory = Fixtures.resources.appendingPathComponent("keyboard-layouts")

    @Test func usFileMatchesBuiltIn() throws {
        let file = try KeyboardLayout.load("us", from: Self.directory)
        for usage in 0...255 {
            for level in KeyboardLayout.Level.allCases {
                let a = file.lookup(usage: UInt8(usage), level: level)
                let b = KeyboardLayout.us.lookup(usage: UInt8(usage), level: level)
                #expect(a?.scalar == b?.scalar && a?.dead == b?.dead, "usage 0x\(String(usage, radix: 16)) \(level)")
            }
        }
    }

    @Test func germanLayout() throws {
        var options = KeyboardWedgeDecoder.Options()
        options.layout = try KeyboardLayout.load("de", from: Self.directory)
        #expect(options.layout.name == "German (QWERTZ)")
        // "]" is AltGr+9, "Z" is the key labelled Y on US, "-" is the "/" key; GS via Ctrl+] (US cap).
        var reports = Key.tap(0x26, Key.altGr) + Key.tap(0x06, Key.shift) + Key.tap(0x1E)
        reports += Key.tap(0x1C, Key.shift) + Key.tap(0x1D) + Key.tap(0x38)
        reports += Key.tap(0x30, Key.ctrl) + Key.tap(0x26, Key.ctrl | Key.altGr)
        // Dead "^" then space gives "^"; dead "^" then "a" gives "â"; "ß"; "@" = AltGr+Q
        reports += Key.tap(0x35) + Key.tap(0x2C) + Key.tap(0x35) + Key.tap(0x04) + Key.tap(0x2D) + Key.tap(0x14, Key.altGr)
        reports += Key.enter
        #expect(run(reports, options: options) == [.scan("]C1Zy-\u{1D}\u{1D}^âß@")])
    }

    @Test func frenchLayout() throws {
        var options = KeyboardWedgeDecoder.Options()
        options.layout = try KeyboardLayout.load("fr", from: Self.directory)
        // AZERTY: digits need Shift; "a" is the key labelled Q on US; "]" is AltGr + ")".
        var reports = Key.tap(0x2D, Key.altGr) + Key.tap(0x06, Key.shift) + Key.tap(0x1E, Key.shift)
        reports += Key.tap(0x27, Key.shift) + Key.tap(0x1E, Key.shift) + Key.tap(0x14) + Key.tap(0x04) + Key.tap(0x1E)
        reports += Key.tap(0x30, Key.ctrl) + Key.tap(0x1F)
        reports += Key.enter
        #expect(run(reports, options: options) == [.scan("]C101aq&\u{1D}é")])
    }

    @Test func badLayoutFilesAreRefused() {
        #expect(throws: BarcodeError.self) { try KeyboardLayout(text: "name: x\n") }
        #expect(throws: BarcodeError.self) { try KeyboardLayout(text: "0x04 ab\n") }
        #expect(throws: BarcodeError.self) { try KeyboardLayout(text: "04 a\n") }
    }
}
