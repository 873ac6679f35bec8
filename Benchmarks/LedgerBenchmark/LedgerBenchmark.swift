import Foundation
import LedgerStore
import TitleholdCore

/// The speed benchmark of the ledger (issue "The ledger", section Speed): builds a synthetic
/// ledger through the store's write paths, then prints import rates, `owned` latency in-process
/// beside the same look-up through SQLite's C API (the floor), the wall time of a cold
/// `titlehold owned` process, and the size of the file.
///
/// Goals: in-process `owned` p99 within 2x of the floor (about 50 µs); a cold CLI answer below 50 ms.
enum LedgerBenchmark {
    static let ownedGoalMicros = 50.0
    static let cliGoalMillis = 50.0

    static func run(_ options: BenchmarkOptions) throws {
        let plan = SyntheticLedger(items: options.items, seed: options.seed)
        let path = options.databasePath
        let at = options.at ?? plan.lastDay
        progress("ledger: \(grouped(plan.items)) items, \(grouped(plan.clients)) clients, \(grouped(plan.invoices)) invoices, "
                 + "\(grouped(plan.payments)) payments at \(path)")

        var figures: LedgerLoader.Figures?
        let loader = LedgerLoader(plan: plan, options: options)
        if options.reuse {
            guard FileManager.default.fileExists(atPath: path) else { throw BenchmarkError("--reuse: no ledger at \(path)") }
            // Opening runs the store's new migrations on the file, as it does for a user's ledger.
            let (_, seconds) = try timed { _ = try LedgerDatabase.open(path: path) }
            progress("opened \(path) (with any new migrations) in \(String(format1: seconds)) s")
        } else {
            try LedgerFile.remove(path)
            let ledger = try LedgerDatabase.open(path: path)
            if options.addLineIndex { try LedgerFile.addLineIndex(path) }
            figures = try loader.load(into: ledger, path: path)
        }
        let file = try LedgerFile.inspect(path)
        let lineIndex = try LedgerFile.hasLineIndex(path)
        guard file.count("item") == plan.items else {
            throw BenchmarkError("\(path) has \(file.count("item")) items, not \(plan.items): build it again without --reuse")
        }

        let serials = sampleSerials(plan, count: options.lookups, seed: options.seed)
        if let dump = options.dumpVerdicts {
            try VerdictDump.write(path: dump, ledgerPath: path, serials: serials, at: at)
            progress("wrote \(serials.count * 18) reports to \(dump)")
            return
        }
        // The floor (issue 2): the same look-up — owned's one statement — through the C API; beside
        // it the smallest indexed look-up of an item and its client. Interleaved with `owned`.
        progress("owned in-process and the C API look-ups over \(grouped(serials.count)) serials…")
        let lookups = try OwnedLatency.measure(path: path, serials: serials, at: at)
        let load = loadAverage()
        // The machine's own share of the tail: plain computation as long as the two medians.
        let probe = HostProbe.measure(shortMicros: lookups.floor.p50, longMicros: lookups.owned.p50, count: serials.count)
        var cli: ColdCLI?
        var cliMissing = false
        if options.cliRuns > 0 {
            if let binary = ColdCLI.locateBinary() {
                progress("cold CLI, \(options.cliRuns) runs of \(binary)…")
                cli = try ColdCLI.measure(binary: binary, path: path, serials: serials, at: at, runs: options.cliRuns)
            } else {
                cliMissing = true
            }
        }
        var profile: OwnedProfile?
        if options.profile {
            progress("profile of owned…")
            profile = try OwnedProfile.measure(path: path, serials: serials, at: at)
        }

        var table = ResultTable(title: "Ledger benchmark: \(grouped(plan.items)) items, \(grouped(file.count("client"))) clients, "
                                + "\(grouped(file.count("document"))) invoices, \(grouped(file.count("payment"))) payments")
        table.add("machine", "\(ProcessInfo.processInfo.activeProcessorCount) cores", "SQLite \(CAPILookup.libraryVersion), ledger \(path)")
        table.add("evaluation date", at.description, "scope client (the default)")
        table.add("schema", lineIndex ? "store + 1 index" : "the store's",
                  lineIndex ? "+ \(LedgerFile.lineIndexSQL) (--add-line-index; not in the store's migrations)" : "migrations of LedgerStore, unchanged")
        table.add("load average", load, "/proc/loadavg after the in-process look-ups: other work on the 2 cores widens p99")
        if let figures {
            addImportRows(figures, loader: loader, to: &table)
        } else {
            table.add("import", "not measured", "--reuse: the ledger was built by an earlier run")
        }
        table.section("owned (\(grouped(serials.count)) random serials, after 500 warm-up look-ups; interleaved with the floors in blocks of 500)")
        let owned = lookups.owned, floor = lookups.floor, small = lookups.itemAndClient
        let ratio = owned.p99 / floor.p99
        table.add("owned in-process", owned.summary,
                  "OwnershipService.report(serial:on:); p99 ≤ \(Int(ownedGoalMicros)) µs (the issue's figure): "
                  + (owned.p99 <= ownedGoalMicros ? "MET" : "MISSED") + "; mean \(formatMicros(owned.mean)) µs")
        table.add("the same look-up, C API (floor)", floor.summary,
                  "owned's one statement, LookupSQL.itemAndSliceBySerial (item + its client's stored slice), "
                  + "prepared once, mmap, columns read, slice bytes read, not decoded (\(lookups.floorFound) found)")
        table.add("owned p99 / floor p99", String(format1: ratio) + "x", "goal ≤ 2x: " + (ratio <= 2 ? "MET" : "MISSED"))
        let probeRatio = probe.long.p99 / probe.short.p99
        table.add("  plain computation as long", "p99 \(formatMicros(probe.long.p99)) / \(formatMicros(probe.short.p99)) µs = "
                  + String(format1: probeRatio) + "x",
                  "a fixed loop timed at owned's p50 (p50 \(formatMicros(probe.long.p50)) µs) and at the floor's "
                  + "(p50 \(formatMicros(probe.short.p50)) µs), \(grouped(probe.long.count)) times each: the p99 ratio this machine "
                  + "alone makes of those two lengths (HostProbe)")
        table.add("  owned / floor, p90 and p99.9",
                  "\(formatMicros(owned.percentile(0.9))) / \(formatMicros(floor.percentile(0.9))) µs, "
                  + "\(formatMicros(owned.percentile(0.999))) / \(formatMicros(floor.percentile(0.999))) µs",
                  "the tail beside p50 and p99")
        table.add("  item + client only, C API", small.summary,
                  "the smallest indexed look-up: item by serial joined to its client, 7 columns, no mmap (\(lookups.itemAndClientFound) found); "
                  + "owned p99 is \(String(format1: owned.p99 / small.p99))x this")
        table.add("verdicts", "\(lookups.supplierOwned) supplier, \(lookups.clientOwned) client", "")
        if let cli {
            let median = ColdCLI.median(cli.runs) * 1000
            table.add("cold `titlehold owned` process", "median \(String(format1: median)) ms",
                      "\(cli.runs.count) runs, min \(String(format1: (cli.runs.min() ?? 0) * 1000)) ms, max \(String(format1: (cli.runs.max() ?? 0) * 1000)) ms; goal < \(Int(cliGoalMillis)) ms: "
                      + (median < cliGoalMillis ? "MET" : "MISSED"))
            table.add("  spawn of /bin/true", "median \(String(format1: ColdCLI.median(cli.spawnBaseline) * 1000)) ms",
                      "process creation alone, same spawning code")
        } else if cliMissing {
            table.add("cold `titlehold owned` process", "not measured",
                      "no titlehold beside this binary: swift build -c release --scratch-path <same> --product titlehold")
        }
        table.section("file")
        table.add("database size", "\(String(format1: Double(file.mainBytes) / 1_048_576)) MiB",
                  "\(grouped(Int(file.mainBytes))) bytes after a WAL checkpoint; \(String(format1: Double(file.mainBytes) / Double(plan.items))) bytes/item")
        table.add("rows", "", file.rowCounts.map { "\($0.0) \(grouped($0.1))" }.joined(separator: ", "))
        if let profile { addProfileRows(profile, to: &table) }
        print(table.rendered)
        if let profile {
            print("\nQuery plans (EXPLAIN QUERY PLAN):")
            for (name, lines) in profile.plans {
                print("  \(name):")
                for line in lines { print("    \(line)") }
            }
        }
    }

    private static func addImportRows(_ f: LedgerLoader.Figures, loader: LedgerLoader, to table: inout ResultTable) {
        table.section("import (each call one transaction, synchronous = FULL, WAL)")
        table.add("deliveries via deliver", "\(formatRate(f.deliveredViaAPI, f.deliverSeconds)) items/s",
                  "\(grouped(f.deliveredViaAPI)) deliveries, one transaction each, into an empty ledger; per call \(f.deliverLatencies.summary)")
        if f.bulkLoaded > 0 {
            table.add("deliveries bulk-loaded, not via deliver", "\(formatRate(f.bulkLoaded, f.bulkSeconds)) items/s",
                      "\(grouped(f.bulkLoaded)) items written with GRDB in 20,000-item transactions, no events, no relink")
        }
        table.add("invoices via importDocuments", "\(formatRate(f.invoices, f.invoiceSeconds)) invoices/s",
                  "\(grouped(f.invoices)) invoices (\(grouped(f.invoiceLines)) lines, \(formatRate(f.invoiceLines, f.invoiceSeconds)) lines/s), "
                  + "\(loader.options.batch) per call; per call \(formatMillis(f.invoiceCalls))")
        table.add("payments via importPayments", "\(formatRate(f.payments, f.paymentSeconds)) payments/s",
                  "\(grouped(f.payments)) entries (\(grouped(f.matched)) matched), \(loader.options.batch) per statement; per call \(formatMillis(f.paymentCalls))")
        table.add("deliver into the loaded ledger", "\(formatRate(f.tailDeliveries, f.tailSeconds)) items/s",
                  "\(grouped(f.tailDeliveries)) deliveries after all invoices and payments; per call \(f.tailLatencies.summary)")
        table.add("one invoice into the loaded ledger", "\(String(format1: f.lastInvoiceSeconds * 1000)) ms",
                  "importDocuments with 1 document (relinks its client, re-matches payments without invoice)")
        let total = f.deliverSeconds + f.bulkSeconds + f.invoiceSeconds + f.paymentSeconds + f.tailSeconds + f.lastInvoiceSeconds
        table.add("build time", "\(String(format1: total)) s", "sum of the timed write calls")
    }

    private static func addProfileRows(_ profile: OwnedProfile, to table: inout ResultTable) {
        table.section("where owned spends its time (first \(profile.steps.first?.latencies.count ?? 0) serials)")
        for step in profile.steps { table.add(step.name, step.latencies.summary, step.note) }
        for (name, value, note) in profile.counts { table.add(name, value, note) }
        table.add("rows per client ledger", "", profile.rowsPerClient.map { "\($0.0) \(String(format1: $0.1))" }.joined(separator: ", "))
    }

    private static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func formatMillis(_ latencies: Latencies) -> String {
        "p50 \(String(format1: latencies.p50 / 1000)) ms, p99 \(String(format1: latencies.p99 / 1000)) ms"
    }
}
