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
        let reports = try userFacing {
            try FlagService(rules: RuleBook.load(), scope: scope.resolved()).flags(in: ledger.open(), on: day)
                .map(FlagReport.init)
        }
        if output.json { try printJSON(reports); return }
        if reports.isEmpty { print("no items eligible for repossession on \(day)"); return }
        print(FlagReport.text(reports))
    }
}
