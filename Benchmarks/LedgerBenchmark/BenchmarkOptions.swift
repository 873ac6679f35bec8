import Foundation
import TitleholdCore

/// The benchmark's command line. Scale is one number, `--items`; the other counts follow it.
struct BenchmarkOptions {
    var items = 1_000_000
    var database: String?
    /// Measure an existing ledger built by an earlier run with the same `--items` (skips building).
    var reuse = false
    /// Deliveries recorded through `deliver` before the rest are bulk-loaded (only with `--bulk-deliveries`).
    var deliverSample = 10_000
    var bulkDeliveries = false
    /// Deliveries held back and recorded through `deliver` into the loaded ledger at the end.
    var tailDeliveries = 1_000
    var batch = 1_000
    var lookups = 10_000
    var cliRuns = 10
    var at: Day?
    var seed: UInt64 = 20_250_101
    var profile = true
    /// Add the index the store lacks for relinking (`item_link(line_id)`) before loading.
    var addLineIndex = false
    /// Write every sampled serial's report on several dates to this file, then stop.
    var dumpVerdicts: String?

    static let usage = """
        usage: ledger-benchmark [--items N] [--db PATH] [--reuse] [--bulk-deliveries] [--deliver-sample N]
                                [--tail-deliveries N] [--batch N] [--lookups N] [--cli-runs N] [--at YYYY-MM-DD]
                                [--seed N] [--no-profile] [--add-line-index]
          --items N            delivered items (default 1000000); clients = N/50, invoices = N/4, payments = 3N/10
          --db PATH            ledger file (default /tmp/ledger-benchmark/ledger-N.sqlite; replaced unless --reuse)
          --reuse              measure the ledger an earlier run left at --db (same --items and --seed)
          --bulk-deliveries    record only --deliver-sample deliveries through `deliver`; bulk-load the rest with GRDB
          --tail-deliveries N  deliveries recorded through `deliver` after invoices and payments (default 1000)
          --batch N            documents per importDocuments call and entries per statement (default 1000)
          --lookups N          random serials for the latency figures (default 10000)
          --cli-runs N         runs of the `titlehold owned` process (default 10)
          --at DATE            evaluation date (default: 45 days after the last issue date)
          --no-profile         skip the breakdown of where `owned` spends its time
          --add-line-index     before loading, CREATE INDEX benchmark_item_link_line ON item_link(line_id): the store
                               lacks it, and relinking then scans item_link once per invoice line of the client
          --dump-verdicts PATH write the reports of the sampled serials (3 scopes, 6 dates) as JSON lines, then stop
        """

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value\n\(usage)") }
            return v
        }
        func number(_ flag: String) throws -> Int {
            let text = try value(flag).replacingOccurrences(of: "_", with: "")
            guard let n = Int(text), n >= 0 else { throw UsageError(description: "\(flag): '\(text)' is not a whole number\n\(usage)") }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--items": options.items = try number(flag)
            case "--db": options.database = try value(flag)
            case "--reuse": options.reuse = true
            case "--bulk-deliveries": options.bulkDeliveries = true
            case "--deliver-sample": options.deliverSample = try number(flag)
            case "--tail-deliveries": options.tailDeliveries = try number(flag)
            case "--batch": options.batch = max(1, try number(flag))
            case "--lookups": options.lookups = max(1, try number(flag))
            case "--cli-runs": options.cliRuns = try number(flag)
            case "--seed": options.seed = UInt64(try number(flag))
            case "--no-profile": options.profile = false
            case "--add-line-index": options.addLineIndex = true
            case "--dump-verdicts": options.dumpVerdicts = try value(flag)
            case "--at":
                let text = try value(flag)
                guard let day = Day(iso: text) else { throw UsageError(description: "--at: '\(text)' is not a YYYY-MM-DD date") }
                options.at = day
            case "-h", "--help": throw UsageError(description: usage)
            default: throw UsageError(description: "unknown argument '\(flag)'\n\(usage)")
            }
        }
        guard options.items >= 40 else { throw UsageError(description: "--items must be at least 40") }
        return options
    }

    var databasePath: String { database ?? "/tmp/ledger-benchmark/ledger-\(items).sqlite" }
}
