import Foundation
import Testing

@testable import Barcode

@Suite("HID POS decoding")
struct HIDPOSDecoderTests {
    struct Capture {
        let reports: [[UInt8]]
        let expectedText: String
        let lastAIM: String
        let lastText: String
    }

    /// The 7 real Honeywell Voyager 1602g reports from the fixtures.
    static func capture() throws -> Capture {
        let root = try #require(try Fixtures.json("usb/hid_scanner_captures.json") as? [String: Any])
        let entry = try #require((root["hid_pos_input_reports"] as? [[String: Any]])?.first)
        let reports = try #require(entry["reports"] as? [[Int]]).map { $0.map(UInt8.init) }
        let last = try #require(entry["expected_last_report"] as? [String: String])
        return Capture(
            reports: reports, expectedText: try #require(entry["expected_concatenated_text"] as? String),
            lastAIM: try #require(last["aim"]), lastText: try #require(last["text"]))
    }

    @Test func realHoneywellReportsReassemble() throws {
        let capture = try Self.capture()
        #expect(capture.reports.count == 7)
        var decoder = HIDPOSDecoder()
        let events = capture.reports.map { decoder.decode($0) }
        #expect(events.prefix(5).allSatisfy { $0 == .pending })
        guard case .scan(let first) = events[5], case .scan(let second) = events[6] else {
            Issue.record("expected two scans, got \(events)")
            return
        }
        #expect(first.symbologyIdentifier == "]X0")
        #expect(first.text == capture.expectedText)
        #expect(first.vendorCodeID == 0x3F)
        #expect(second.symbologyIdentifier == capture.lastAIM)
        #expect(second.text == capture.lastText)
        #expect(second.scanText == capture.lastAIM + capture.lastText)
    }

    @Test func descriptorDrivenDecoderGivesTheSameResult() throws {
        let capture = try Self.capture()
        var decoder = HIDPOSDecoder(descriptor: try HIDReportDescriptor(bytes: HandWrittenDescriptors.honeywellStyle))
        let events = capture.reports.map { decoder.decode($0) }
        guard case .scan(let first) = events[5] else {
            Issue.record("expected a scan, got \(events[5])")
            return
        }
        #expect(first.text == capture.expectedText)
    }

    @Test func descriptorWithAnotherLayoutIsFollowed() throws {
        var decoder = HIDPOSDecoder(descriptor: try HIDReportDescriptor(bytes: HandWrittenDescriptors.reordered))
        #expect(decoder.layout.reportID == 3 && decoder.layout.continuedByte == 0 && decoder.layout.dataOffset == 4)
        func report(_ text: String, more: Bool) -> [UInt8] {
            var bytes: [UInt8] = [3, more ? 1 : 0, 0x5D, 0x43, 0x31] + Array(text.utf8)
            bytes += [UInt8](repeating: 0, count: 21 - bytes.count)
            return bytes
        }
        #expect(decoder.decode(report("0109501101020917", more: true)) == .pending)
        guard case .scan(let scan) = decoder.decode(report("21ABC", more: false)) else {
            Issue.record("expected a scan")
            return
        }
        #expect(scan.scanText == "]C1010950110102091721ABC")
        #expect(Barcode.interpret(scan.scanText).kind == .productAndSerial)
    }

    @Test func truncatedReportMidScanDropsTheWholeBarcode() throws {
        let capture = try Self.capture()
        var decoder = HIDPOSDecoder()
        var events: [HIDPOSDecoder.Event] = []
        for (index, report) in capture.reports.prefix(6).enumerated() {
            events.append(decoder.decode(index == 2 ? Array(report.prefix(40)) : report))
        }
        #expect(!events.contains { if case .scan = $0 { return true } else { return false } })
        guard case .rejected(let truncated) = events[2], case .rejected(let dropped) = events[5] else {
            Issue.record("expected rejections, got \(events)")
            return
        }
        #expect(truncated.code == .badReport)
        #expect(dropped.code == .incompleteScan)
        // Afterwards a complete barcode passes again.
        guard case .scan(let next) = decoder.decode(capture.reports[6]) else {
            Issue.record("expected a scan")
            return
        }
        #expect(next.symbologyIdentifier == "]Z6")
    }

    @Test func garbageReportsAreRejected() throws {
        let capture = try Self.capture()
        var good = capture.reports[6]
        var decoder = HIDPOSDecoder()
        // Another report ID: not scanned data; ignored without harming what follows.
        var other = good
        other[0] = 4
        if case .rejected(let error) = decoder.decode(other) { #expect(error.code == .badReport) } else { Issue.record("not rejected") }
        #expect(decoder.decode(good) != .pending)
        // Length byte beyond the 56-byte capacity.
        good[1] = 200
        if case .rejected(let error) = decoder.decode(good) { #expect(error.code == .badReport) } else { Issue.record("not rejected") }
        // Not an AIM identifier.
        var decoder2 = HIDPOSDecoder()
        var badAIM = capture.reports[6]
        badAIM[2] = 0x41
        if case .rejected(let error) = decoder2.decode(badAIM) { #expect(error.code == .badReport) } else { Issue.record("not rejected") }
        var decoder3 = HIDPOSDecoder()
        if case .rejected(let error) = decoder3.decode([UInt8](repeating: 0, count: 64).enumerated().map { $0.offset == 0 ? 2 : $0.element }) {
            #expect(error.code == .empty)
        } else { Issue.record("not rejected") }
        var decoder4 = HIDPOSDecoder()
        if case .rejected(let error) = decoder4.decode([]) { #expect(error.code == .badReport) } else { Issue.record("not rejected") }
    }

    @Test func randomBytesNeverCrashOrPassHalfScans() {
        var decoder = HIDPOSDecoder()
        var state: UInt64 = 42
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 57)
            var report = (0..<length).map { UInt8(truncatingIfNeeded: (state >> UInt64(($0 * 7) % 56)) &* 31) }
            if !report.isEmpty, state & 1 == 0 { report[0] = 2 }
            if case .scan(let scan) = decoder.decode(report) {
                #expect(scan.data.count <= decoder.maximumLength)
            }
        }
    }
}
