// `swift run -c release intake-benchmark [--scans N]`: the intake speed figures (issue "Scanner
// intake", Speed): report-decode throughput, scan-to-durable-acknowledgement latency on SQLite,
// beside the 1 report/ms physical rate and the disk's own append + fdatasync time.
import Barcode
import Foundation
import LedgerStore
import TitleholdApp
import TitleholdCore
#if canImport(Glibc)
import Glibc
#endif

func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
}

let arguments = CommandLine.arguments
let scans = arguments.firstIndex(of: "--scans").flatMap { Int(arguments[$0 + 1]) } ?? 2000
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

// 1. Decode throughput: a keyboard-wedge stream of a GS1 scan, and HID POS reports.
func wedgeReports(_ text: String) -> [[UInt8]] {
    var reports: [[UInt8]] = []
    for byte in text.utf8 {
        var usage: UInt8 = 0, modifier: UInt8 = 0
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): usage = 4 + byte - UInt8(ascii: "a")
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): usage = 4 + byte - UInt8(ascii: "A"); modifier = 0x02
        case UInt8(ascii: "1")...UInt8(ascii: "9"): usage = 0x1E + byte - UInt8(ascii: "1")
        case UInt8(ascii: "0"): usage = 0x27
        case UInt8(ascii: "]"): usage = 0x30
        case 0x1D: usage = 0x30; modifier = 0x01
        case 0x0A: usage = 0x28
        default: continue
        }
        reports.append([modifier, 0, usage, 0, 0, 0, 0, 0])
        reports.append([0, 0, 0, 0, 0, 0, 0, 0])
    }
    return reports
}
let wedge = wedgeReports("]C1010950110153000321SERIAL12345\u{1D}10LOT7\n")
var decoder = KeyboardWedgeDecoder(options: .init())
var decodedScans = 0
let rounds = 20_000
var start = nanos()
for _ in 0..<rounds {
    for report in wedge { if case .scan = decoder.decode(report) { decodedScans += 1 } }
}
let wedgeNanos = Double(nanos() - start) / Double(rounds * wedge.count)

var pos = HIDPOSDecoder(layout: .common)
var posReport = [UInt8](repeating: 0, count: 64)
posReport[0] = 0x02; posReport[1] = 20
for (i, b) in "]C1".utf8.enumerated() { posReport[2 + i] = b }
for (i, b) in "0109501101530003".utf8.enumerated() { posReport[5 + i] = b }
start = nanos()
var posScans = 0
for _ in 0..<(rounds * 10) { if case .scan = pos.decode(posReport) { posScans += 1 } }
let posNanos = Double(nanos() - start) / Double(rounds * 10)

// 2. Scan to durable acknowledgement: IntakeRunner.handle on a file ledger (WAL, synchronous=FULL).
let ledger = try LedgerDatabase.open(path: directory.appendingPathComponent("ledger.sqlite").path)
let runner = IntakeRunner(ledger: ledger, client: "12345678", agreement: "BENCH", today: { Day(iso: "2026-11-25")! })
var ack: [UInt64] = []
for i in 0..<scans {
    let t = nanos()
    let result = runner.handle("]C1010950110153000321BENCH\(i)\u{1D}")
    ack.append(nanos() - t)
    precondition(result.status == "accepted", "scan \(i): \(result.message)")
}
ack.sort()

// 3. The disk's own floor: append 64 bytes and fdatasync.
let path = directory.appendingPathComponent("append.bin").path
let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
var sync: [UInt64] = []
let line = [UInt8](repeating: 0x41, count: 64)
for _ in 0..<scans {
    let t = nanos()
    _ = line.withUnsafeBytes { write(fd, $0.baseAddress, 64) }
    fdatasync(fd)
    sync.append(nanos() - t)
}
close(fd)
sync.sort()

print("Intake benchmark (\(scans) scans)")
print("keyboard-wedge decode      \(String(format: "%.0f", wedgeNanos)) ns/report (\(String(format: "%.1f", 1e9 / wedgeNanos / 1e6)) M reports/s; goal < 1 µs; physical rate 1,000 reports/s)")
print("HID POS decode             \(String(format: "%.0f", posNanos)) ns/report")
print("scan to durable ack        p50 \(String(format: "%.0f", percentile(ack, 0.5))) µs, p99 \(String(format: "%.0f", percentile(ack, 0.99))) µs (goal p99 < 1 ms)")
print("append + fdatasync floor   p50 \(String(format: "%.0f", percentile(sync, 0.5))) µs, p99 \(String(format: "%.0f", percentile(sync, 0.99))) µs")
print("(decoded \(decodedScans) wedge scans, \(posScans) HID POS scans)")
