import Dispatch

/// Monotonic time in nanoseconds (`DispatchTime`, CLOCK_MONOTONIC on Linux).
@inline(__always) func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Runs `body` and returns its result with the elapsed seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = monotonicNanoseconds()
    let result = try body()
    return (result, Double(monotonicNanoseconds() - start) / 1e9)
}

/// Per-call durations, summarised by percentiles (nearest rank).
struct Latencies {
    private(set) var nanoseconds: [UInt64] = []

    init(capacity: Int = 0) { nanoseconds.reserveCapacity(capacity) }

    mutating func record(_ ns: UInt64) { nanoseconds.append(ns) }

    /// Times one call of `body` and records it.
    @inline(__always) mutating func measure<T>(_ body: () throws -> T) rethrows -> T {
        let start = monotonicNanoseconds()
        let result = try body()
        nanoseconds.append(monotonicNanoseconds() - start)
        return result
    }

    var count: Int { nanoseconds.count }

    /// The `p`-th percentile (0...1) in microseconds.
    func percentile(_ p: Double) -> Double {
        guard !nanoseconds.isEmpty else { return .nan }
        let sorted = nanoseconds.sorted()
        let rank = Int((p * Double(sorted.count - 1)).rounded())
        return Double(sorted[min(max(rank, 0), sorted.count - 1)]) / 1000
    }

    var p50: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
    var mean: Double { nanoseconds.isEmpty ? .nan : Double(nanoseconds.reduce(0, +)) / Double(nanoseconds.count) / 1000 }

    /// `p50 / p99` in µs, for a table cell.
    var summary: String { "p50 \(formatMicros(p50)) µs, p99 \(formatMicros(p99)) µs" }
}

func formatMicros(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    return value < 100 ? String(format1: value) : String(Int(value.rounded()))
}

func formatRate(_ count: Int, _ seconds: Double) -> String {
    guard seconds > 0 else { return "n/a" }
    return grouped(Int((Double(count) / seconds).rounded()))
}

/// 1234567 → "1,234,567".
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}

extension String {
    /// One decimal, without Foundation's locale-dependent formatting.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
