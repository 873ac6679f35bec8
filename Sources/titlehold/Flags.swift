import ArgumentParser
import LedgerStore
import TitleholdApp
import TitleholdCore

/// `titlehold flags`: items eligible for repossession (art. 10.3) and what blocks their pickup.
struct Flags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the items eligible for repossession on a date, by client, with why and what blocks the pickup (art. 10.3).")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var date: RuleDateOptions
    @OptionGroup var scope: ScopeOptions

    func run() throws {
        let day = date.day
        let byClient = try userFacing {
            try FlagService(rules: RuleBook.load(), scope: scope.resolved()).flagsByClient(in: ledger.open(), on: day)
                .lazy.map { $0.map(FlagReport.init) }
        }
        if output.json { try printJSON(elementsOf: byClient); return }
        let reports = Array(byClient.joined())
        if reports.isEmpty { print("no items eligible for repossession on \(day)"); return }
        print(FlagReport.text(reports))
    }
}
