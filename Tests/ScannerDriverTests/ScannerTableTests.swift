import Foundation
import Testing

@testable import ScannerDriver

@Suite("Scanner device table")
struct ScannerTableTests {
    let table: ScannerTable

    init() throws {
        table = try ScannerTable.load(from: TestPaths.scannerTable)
    }

    /// Every product and maker line of the usb.ids extract, parsed independently of the driver.
    struct UsbIDsLine: Equatable {
        let vid: String
        let pid: String?
        let maker: String
        let model: String
    }

    static func usbIDsLines() throws -> (partA: [UsbIDsLine], partB: [UsbIDsLine]) {
        let text = try String(contentsOf: TestPaths.usbIDs, encoding: .utf8)
        var part = "", vendor = ("", ""), a: [UsbIDsLine] = [], b: [UsbIDsLine] = []
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# ---- Part ") { part = String(line.dropFirst(12).prefix(1)); continue }
            if line.hasPrefix("#") || part == "C" || part.isEmpty { continue }
            if line.hasPrefix("\t") {
                let body = line.dropFirst()
                let entry = UsbIDsLine(
                    vid: vendor.0, pid: String(body.prefix(4)), maker: vendor.1,
                    model: String(body.dropFirst(6)).trimmingCharacters(in: .whitespaces))
                if part == "A" { a.append(entry) } else { b.append(entry) }
            } else {
                let name = String(line.dropFirst(6)).replacingOccurrences(of: "    # vendor", with: "")
                vendor = (String(line.prefix(4)), name.trimmingCharacters(in: .whitespaces))
                if part == "A" { a.append(UsbIDsLine(vid: vendor.0, pid: nil, maker: vendor.1, model: "")) }
            }
        }
        return (a, b)
    }

    @Test("every maker and product of the usb.ids extract has its row, with the same names")
    func coversTheUsbIDsExtract() throws {
        let (partA, partB) = try Self.usbIDsLines()
        #expect(partA.count == 117)  // 12 makers and 105 of their products
        #expect(partB.count == 35)
        for line in partA + partB {
            let vid = try #require(UInt16(line.vid, radix: 16))
            let pid = line.pid.flatMap { UInt16($0, radix: 16) }
            let row = table.entries.first { $0.vendorID == vid && $0.productID == pid }
            #expect(row?.maker == line.maker, "\(line.vid):\(line.pid ?? "*")")
            #expect(row?.model == line.model, "\(line.vid):\(line.pid ?? "*")")
        }
        #expect(table.entries.count == partA.count + partB.count)
    }

    @Test(
        "lookups: a product row wins over its maker's row; unknown makers have none",
        arguments: [
            (UInt16(0x0C2E), UInt16(0x0B61), "Vuquest 3310g", ScannerTable.Mode.unknown),
            (0x0C2E, 0x0204, "Metrologic MS7120 Barcode Scanner (keyboard mode)", .keyboard),
            (0x0C2E, 0xFFFF, "", .unknown),  // the maker's * row
            (0x1EAB, 0x1310, "EM30xx/EM20xx/HR3260 corded/HR200C Barcode scanner engine (HID Pos)", .hidPOS),
            (0x1EAB, 0x1306, "EM30xx/EM20xx/HR3260 corded/HR200C Barcode scanner engine (USB serial CDC)", .serial),
            (0x05F9, 0x2206, "Gryphon series (keyboard emulation mode)", .keyboard),
            (0x0DB5, 0x013B, "Barcode Module - HID", .hidPOS),
            (0x0AA7, 0x0100, "POS Keyboard, TA58P-USB", .notAScanner),
            (0x0A5F, 0x0141, "ZD620", .notAScanner),
            (0x05E0, 0x0800, "Spectrum24 Wireless LAN Adapter", .notAScanner),
        ])
    func lookups(vid: UInt16, pid: UInt16, model: String, mode: ScannerTable.Mode) throws {
        let entry = try #require(table.entry(vendorID: vid, productID: pid))
        #expect(entry.model == model)
        #expect(entry.mode == mode)
    }

    @Test("devices of makers not in the table have no row")
    func unlisted() {
        #expect(table.entry(vendorID: 0x0483, productID: 0x5750) == nil)
        #expect(table.entry(vendorID: 0x046D, productID: 0xC077) == nil)
        // A part-B maker has rows only for its listed products.
        #expect(table.entry(vendorID: 0x03F0, productID: 0x0139)?.model == "Barcode Scanner 4430")
        #expect(table.entry(vendorID: 0x03F0, productID: 0x0001) == nil)
    }

    @Test(
        "a broken table names the line and what is wrong",
        arguments: [
            ("", 0, "the table is empty (no header line)"),
            ("vid\tpid\tmaker\n", 1, "expected 5 tab-separated fields, found 3"),
            ("vendor\tpid\tmaker\tmodel\tmode\n", 1, "the first line must be the header vid, pid, maker, model, mode"),
            ("vid\tpid\tmaker\tmodel\tmode\n0c2e\t0b6\tM\tX\tunknown\n", 2, "pid '0b6' is not 4 hex digits or *"),
            ("vid\tpid\tmaker\tmodel\tmode\n# c\nzz2e\t*\tM\t\tunknown\n", 3, "vid 'zz2e' is not 4 hex digits"),
            ("vid\tpid\tmaker\tmodel\tmode\n0c2e\t*\tM\t\twedge\n", 2,
             "mode 'wedge' is not one of keyboard, hid-pos, serial, oem, unknown, not-a-scanner"),
            ("vid\tpid\tmaker\tmodel\tmode\n0c2e\t*\t\t\tunknown\n", 2, "the maker is empty"),
            ("vid\tpid\tmaker\tmodel\tmode\n0c2e\t*\tM\t\tunknown\n0c2e\t*\tM\t\tserial\n", 3, "0c2e:* is listed twice"),
        ])
    func brokenTables(text: String, line: Int, reason: String) {
        #expect(throws: ScannerTableError(source: "t.tsv", line: line, reason: reason)) {
            try ScannerTable(parsing: text, source: "t.tsv")
        }
    }

    @Test("the udev rule grants access to exactly the table's scanner makers and other makers' scanner products")
    func udevRuleFollowsTheTable() throws {
        let rules = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("Drivers/udev/70-titlehold-scanners.rules"),
            encoding: .utf8)
        var granted: Set<String> = []
        for line in rules.split(separator: "\n") where !line.hasPrefix("#") {
            let vid = line.firstMatch(of: #/ATTR\{idVendor\}=="([0-9a-f]{4})"/#).map { String($0.1) }
            let pid = line.firstMatch(of: #/ATTR\{idProduct\}=="([0-9a-f]{4})"/#).map { String($0.1) }
            #expect(line.contains(#"MODE="0660", GROUP="titlehold""#))
            if let vid { granted.insert(vid + ":" + (pid ?? "*")) }
        }
        let makers = table.entries.filter { $0.productID == nil && $0.mode != .notAScanner }
        let makerIDs = Set(makers.map(\.vendorID))
        let others = table.entries.filter {
            $0.productID != nil && !makerIDs.contains($0.vendorID) && ![.notAScanner, .serial].contains($0.mode)
        }
        let expected = Set(makers.map { hex4($0.vendorID) + ":*" } + others.map { hex4($0.vendorID) + ":" + hex4($0.productID ?? 0) })
        #expect(granted == expected)
        #expect(granted.contains("0c2e:*"))
        #expect(!granted.contains("0a5f:*"))  // Zebra label printers
    }

    @Test("a missing file is an error naming the file")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/scanners.tsv")
        do {
            _ = try ScannerTable.load(from: url)
            Issue.record("loading a missing file succeeded")
        } catch {
            #expect(error.source == "/nonexistent/scanners.tsv")
            #expect(error.line == 0)
            #expect(error.description.hasPrefix("/nonexistent/scanners.tsv: cannot read the file"))
        }
    }
}
