/// What this machine does to the tail of work of a given length: a fixed computation (no memory
/// traffic, no allocation, no system call) sized to take a given time, timed as many times as
/// the look-ups, the two lengths interleaved in blocks as they are.
///
/// Why: on this virtual machine the host interrupts a running thread now and then for several
/// microseconds. Work that takes longer is hit more often, and once one call in a hundred is hit,
/// the hits are what p99 shows. Timed at the floor's median and at `owned`'s median, the same
/// computation shows how much of the p99 ratio the machine alone makes of the two lengths.
struct HostProbe {
    var short = Latencies()
    var long = Latencies()

    /// `count` timings each of computations as long as `shortMicros` and `longMicros`, in blocks of `block`.
    static func measure(shortMicros: Double, longMicros: Double, count: Int, block: Int = 500) -> HostProbe {
        let rate = calibrate()
        let shortSteps = max(1, Int(shortMicros * rate)), longSteps = max(1, Int(longMicros * rate))
        var probe = HostProbe(short: Latencies(capacity: count), long: Latencies(capacity: count))
        var sink: UInt64 = 0
        for number in 0..<(max(1, count) + block - 1) / block {
            let size = min(block, count - number * block)
            for turn in 0..<2 {
                let longFirst = number % 2 == 1
                let isLong = (turn == 0) == longFirst
                for i in 0..<size {
                    // The step count differs by one from call to call, so the compiler cannot hoist the call.
                    if isLong {
                        sink &+= probe.long.measure { spin(longSteps + (i & 1)) }
                    } else {
                        sink &+= probe.short.measure { spin(shortSteps + (i & 1)) }
                    }
                }
            }
        }
        if sink == 42 { print("") }  // keeps the results alive
        return probe
    }

    /// Steps of `spin` per microsecond on this machine: the fastest of a few timed runs.
    private static func calibrate() -> Double {
        let steps = 200_000
        var best = UInt64.max
        var sink: UInt64 = 0
        for run in 0..<30 {
            let start = monotonicNanoseconds()
            sink &+= spin(steps + (run & 1))
            best = min(best, monotonicNanoseconds() - start)
        }
        if sink == 42 { print("") }
        return Double(steps) / (Double(max(best, 1)) / 1000)
    }

    /// A chain of multiplications, each depending on the one before: a fixed time per step.
    @inline(never)
    static func spin(_ steps: Int) -> UInt64 {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<steps {
            x = (x ^ UInt64(truncatingIfNeeded: i)) &* 0xBF58_476D_1CE4_E5B9
            x ^= x >> 31
        }
        return x
    }
}
