import LedgerStore
import TitleholdApp
import TitleholdCore

/// A seeded random source (SplitMix64), so every run looks up the same serials.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The serials to look up: `count` items drawn uniformly (with replacement) from the whole ledger.
func sampleSerials(_ plan: SyntheticLedger, count: Int, seed: UInt64) -> [String] {
    var random = SeededRandom(seed: seed ^ 0x5EED)
    return (0..<count).map { _ in plan.serial(ofItem: Int.random(in: 0..<plan.items, using: &random)) }
}

/// `owned` in-process: `OwnershipService.report(serial:on:)` — what `titlehold owned SERIAL` runs
/// after opening the ledger — timed per call on a freshly opened ledger (after a warm-up).
struct OwnedLatency {
    var latencies = Latencies()
    var supplierOwned = 0
    var clientOwned = 0

    static func measure(path: String, serials: [String], at: Day, warmUp: Int = 500) throws -> OwnedLatency {
        let ledger = try LedgerDatabase.open(path: path)
        let service = OwnershipService(ledger: ledger, scope: .client)
        for serial in serials.prefix(warmUp) { _ = try service.report(serial: serial, on: at) }
        var result = OwnedLatency()
        result.latencies = Latencies(capacity: serials.count)
        for serial in serials {
            let report = try result.latencies.measure { try service.report(serial: serial, on: at) }
            if report.owner == "supplier" { result.supplierOwned += 1 } else { result.clientOwned += 1 }
        }
        return result
    }
}
