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

/// `owned` in-process — `OwnershipService.report(serial:on:)`, what `titlehold owned SERIAL` runs
/// after opening the ledger — beside the C-API look-ups of `CAPILookup`, timed per call.
///
/// The three are measured interleaved, in blocks of `block` serials (each block the same serials
/// for the three, in the six orders in turn), after `warmUp` untimed look-ups of
/// each: this machine's speed changes from minute to minute, and measured one after the other the
/// three would meet different machines.
struct OwnedLatency {
    var owned = Latencies()
    var floor = Latencies()
    var itemAndClient = Latencies()
    var floorFound = 0
    var itemAndClientFound = 0
    var supplierOwned = 0
    var clientOwned = 0

    static func measure(path: String, serials: [String], at: Day, warmUp: Int = 500, block: Int = 500) throws -> OwnedLatency {
        let ledger = try LedgerDatabase.open(path: path)
        let service = OwnershipService(ledger: ledger, scope: .client)
        let floorLookup = try CAPILookup.ownedStatement(path: path)
        let smallLookup = try CAPILookup.itemAndClient(path: path)
        for serial in serials.prefix(warmUp) {
            _ = floorLookup.lookUp(serial); _ = smallLookup.lookUp(serial); _ = try service.report(serial: serial, on: at)
        }
        var result = OwnedLatency()
        result.owned = Latencies(capacity: serials.count)
        result.floor = Latencies(capacity: serials.count)
        result.itemAndClient = Latencies(capacity: serials.count)
        // The blocks take the six orders of the three in turn, so each of them goes before each
        // other one in half of the blocks: the one that goes first finds the block's pages cold in
        // the CPU's caches, the ones after it warm.
        let orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [2, 1, 0], [1, 0, 2]]
        // Before a C-API block, `owned`'s connections give back the read transaction they keep
        // between look-ups (`LookupSnapshot`): while one is held, SQLite lets another connection of
        // the same process share its WAL read lock instead of taking its own with `fcntl`, and the
        // floor would be timed cheaper than a statement on its own (session 9: 0.6 µs at p50).
        for (number, start) in stride(from: 0, to: serials.count, by: max(1, block)).enumerated() {
            let part = serials[start..<min(start + max(1, block), serials.count)]
            for which in orders[number % orders.count] {
                switch which {
                case 0:
                    ledger.endKeptReadTransactions()
                    for serial in part { result.floorFound += result.floor.measure { floorLookup.lookUp(serial) } }
                case 1:
                    ledger.endKeptReadTransactions()
                    for serial in part { result.itemAndClientFound += result.itemAndClient.measure { smallLookup.lookUp(serial) } }
                default:
                    for serial in part {
                        let report = try result.owned.measure { try service.report(serial: serial, on: at) }
                        if report.owner == "supplier" { result.supplierOwned += 1 } else { result.clientOwned += 1 }
                    }
                }
            }
        }
        return result
    }
}
