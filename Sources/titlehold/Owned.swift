import ArgumentParser
import TitleholdApp
import TitleholdCore

/// `titlehold owned SERIAL`: is this item still the supplier's? (art. 10.1)
struct Owned: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say whether an item is the supplier's or the client's on a date, and why (art. 10.1, 3:92 BW).")

    @Argument(help: "The item's serial number.") var serial: String
    @Option(name: .long, help: "The item's GTIN, when several items carry the serial.") var gtin: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var date: RuleDateOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let database = try ledger.open()
        let service = OwnershipService(ledger: database, scope: try scope.resolved())
        let report = try userFacing { try service.report(serial: serial, gtin: gtin, on: date.day) }
        if output.json { try printJSON(report) } else { print(report.text) }
    }
}

/// `titlehold items`: every item with its owner.
struct Items: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delivered items: list them with their owner (default), or record what happened to one.",
        subcommands: [List.self, Event.self], defaultSubcommand: List.self)
}

extension Items {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List delivered items with their owner on a date.")

    @Option(name: .long, help: "Only this client's items.") var client: String?
    @Option(name: .long, help: "Only items owned by: supplier or client.") var owner: OwnershipVerdict.Owner?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var date: RuleDateOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let database = try ledger.open()
        let service = OwnershipService(ledger: database, scope: try scope.resolved())
        let reports = try userFacing { try service.reports(client: client, owner: owner, on: date.day) }
        if output.json { try printJSON(reports); return }
        if reports.isEmpty { print("no items"); return }
        for r in reports {
            let since = r.clientOwnsSince.map { " since \($0)" } ?? ""
            let why = r.reasons.first?.text ?? ""
            let back = r.backSince.map { " (back with the supplier since \($0))" } ?? ""
            print("\(r.serial)\t\(r.client)\t\(r.agreement)\t\(r.deliveredOn)\t\(r.owner)\(since)\(back)\t\(why)")
        }
    }
  }
}
