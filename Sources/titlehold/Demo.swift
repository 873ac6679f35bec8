import ArgumentParser
import LedgerStore
import TitleholdApp
import TitleholdResources

/// `titlehold demo`: a realistic ledger to try the service on.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a demo ledger (clients, goods and services agreements, paid, partly paid and overdue invoices, a credit note, an unmatched payment) through the normal import paths.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let database = try ledger.open()
        let summary = try userFacing { try DemoLedger.build(into: database, from: ResourceLocator.url("demo")) }
        print("demo ledger at \(ledger.path): \(summary.deliveries) deliveries")
        for o in summary.outcomes { print("  \(o.fileName): \(o.summary)") }
        print("try: titlehold items --db \(ledger.path)   or   titlehold owned CN0V7R2K --db \(ledger.path)")
    }
}
