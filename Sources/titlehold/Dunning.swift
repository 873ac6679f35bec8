import ArgumentParser
import LedgerStore
import TitleholdApp
import TitleholdCore

/// `titlehold dunning`: every open invoice's step in the dunning timeline (art. 13.4, 12.1).
struct Dunning: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every open invoice with its dunning step, next step and date, interest and costs (art. 13.4).")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var date: RuleDateOptions
    @Option(name: .long, help: "Only this client.") var client: String?

    func run() throws {
        let day = date.day
        let reports = try userFacing {
            let store = try ledger.open()
            let ids = try client.map { [try store.standing(client: $0).clientID] }
            let files = try store.clientFiles(ids: ids)
            return try DunningService(rules: RuleBook.load()).openInvoices(in: files, on: day).map(DunningReport.init)
        }
        if output.json { try printJSON(reports); return }
        if reports.isEmpty { print("no open invoices on \(day)"); return }
        print(reports.map(\.text).joined(separator: "\n\n"))
    }
}

/// `titlehold interest INVOICE`: the interest calculation period by period, and the costs.
struct Interest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the statutory interest on an invoice period by period (art. 6:119/6:119a BW) and the collection costs (art. 6:96 BW).")
    @Argument(help: "The invoice number.") var invoice: String
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var date: RuleDateOptions

    func run() throws {
        let day = date.day
        let report = try userFacing {
            let store = try ledger.open()
            let clientID = try store.client(ofInvoice: invoice)
            guard let file = try store.clientFiles(ids: [clientID]).first else {
                throw CLIError("the client of invoice \(invoice) is missing from the ledger")
            }
            let all = try DunningService(rules: RuleBook.load()).evaluate(file, on: day, includePaid: true)
            guard let found = all.first(where: { $0.invoice.number == invoice }) else {
                throw CLIError("invoice \(invoice) is not issued yet on \(day)")
            }
            return InterestReport(found)
        }
        if output.json { try printJSON(report) } else { print(report.text) }
    }
}
