/// HID POS input reports in the layout the emulator declares and Honeywell and Access-IS
/// scanners use (`usb/hid_scanner_captures.json`): 64 bytes, [0] report ID 2, [1] data length
/// (at most 56), [2...4] AIM symbology identifier, [5...60] data, [61] code id, [62] reserved,
/// [63] 1 if more reports follow.
enum HIDPOSReports {
    static func reports(aim: String, data: [UInt8], codeID: UInt8) -> [[UInt8]] {
        let aimBytes = Array(aim.utf8)
        precondition(aimBytes.count == 3)
        let chunks = stride(from: 0, to: max(data.count, 1), by: 56).map { Array(data[$0..<min($0 + 56, data.count)]) }
        return chunks.enumerated().map { index, chunk in
            var report: [UInt8] = [0x02, UInt8(chunk.count)] + aimBytes + chunk
            report += [UInt8](repeating: 0, count: 61 - report.count)
            report += [codeID, 0, index < chunks.count - 1 ? 1 : 0]
            return report
        }
    }

    /// A 64-byte report whose data is the counter `n` (big-endian), for ordering checks.
    static func numbered(_ n: Int) -> [UInt8] {
        var report = [UInt8](repeating: 0, count: 64)
        report[0] = 0x02
        report[1] = 4
        report[2] = UInt8(ascii: "]")
        report[3] = UInt8(ascii: "X")
        report[4] = UInt8(ascii: "0")
        report[5] = UInt8(truncatingIfNeeded: n >> 24)
        report[6] = UInt8(truncatingIfNeeded: n >> 16)
        report[7] = UInt8(truncatingIfNeeded: n >> 8)
        report[8] = UInt8(truncatingIfNeeded: n)
        return report
    }

    static func number(in report: [UInt8]) -> Int? {
        guard report.count == 64 else { return nil }
        return Int(report[5]) << 24 | Int(report[6]) << 16 | Int(report[7]) << 8 | Int(report[8])
    }
}
