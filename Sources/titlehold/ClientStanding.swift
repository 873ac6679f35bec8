import ArgumentParser
import LedgerStore
import TitleholdApp
import TitleholdCore

extension ClientStatus: ExpressibleByArgument {}

extension Clients {
    /// `titlehold clients status ID STATUS`: the client's insolvency status, kept as a history.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a client's status: normal, difficulties, bankrupt, surseance or whoa (kept as a history).",
            discussion: """
                difficulties: flagged by hand as heading for payment difficulties (art. 10.3).
                bankrupt (faillissement), surseance (surseance van betaling), whoa (court-supervised composition): \
                a cooling-off period ordered by the court is recorded with --cooling-off-until (art. 63a, 241a, 376 Fw): \
                at most 2 months, extended once by at most 2 months (WHOA: up to 8 months in all). Record an extension \
                as the same status again with the later end date. Without ID and STATUS, prints the history.
                """)
        @Argument(help: "The client (KvK number, key, VAT number...).") var client: String
        @Argument(help: "normal, difficulties, bankrupt, surseance or whoa; leave out to print the history.")
        var status: ClientStatus?
        @Option(name: .long, help: "Since when, YYYY-MM-DD (default: today).", transform: parseDay) var since: Day?
        @Option(name: .customLong("cooling-off-until"), help: "Last day of a court-ordered cooling-off period, YYYY-MM-DD.",
                transform: parseDay)
        var coolingOffUntil: Day?
        @Option(name: .long, help: "A note for the record (court, case number...).") var note: String?
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let store = try ledger.open()
            if let status {
                let today = BusinessClock.today()
                let entry = ClientStatusHistory.Entry(status: status, since: since ?? today, coolingOffUntil: coolingOffUntil,
                                                      note: note, recordedOn: today)
                try userFacing { try store.recordClientStatus(client, entry, context: ChangeContext(command: "clients status")) }
                var line = "client \(client): \(status.label) since \(entry.since)"
                if let until = coolingOffUntil { line += ", cooling-off period through \(until)" }
                print(line)
                return
            }
            let standing = try userFacing { try store.standing(client: client).standing }
            if standing.statuses.isEmpty { print("client \(client): no status recorded (normal)") }
            for entry in standing.statuses {
                var line = "\(entry.since)  \(entry.status.rawValue)"
                if let until = entry.coolingOffUntil { line += "  cooling-off through \(until)" }
                if let note = entry.note { line += "  (\(note))" }
                print(line + "  [recorded \(entry.recordedOn)]")
            }
            for notice in standing.taxNotices { print("\(notice)  notice to the tax collector (art. 22bis Iw)") }
        }
    }

    /// `titlehold clients tax-notice ID --sent DATE`: the notice to the tax collector (art. 22bis Iw).
    struct TaxNotice: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tax-notice",
            abstract: "Record the notice to the tax collector (ontvanger) before taking back goods on the client's premises (art. 22bis Iw).")
        @Argument(help: "The client.") var client: String
        @Option(name: .long, help: "The day the notice was sent, YYYY-MM-DD.", transform: parseDay) var sent: Day
        @Option(name: .long, help: "A note for the record.") var note: String?
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try userFacing {
                try ledger.open().recordTaxNotice(client, sentOn: sent, note: note, context: ChangeContext(command: "clients tax-notice"))
            }
            print("recorded: notice to the tax collector for \(client), sent \(sent); the pickup may take place 4 weeks after (art. 22bis Iw)")
        }
    }
}
