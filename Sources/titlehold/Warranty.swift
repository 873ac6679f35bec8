import ArgumentParser
import Documents
import Foundation
import LedgerStore
import TitleholdApp
import TitleholdCore

/// `titlehold warranty SERIAL | set | expiring`: the manufacturer's warranty (art. 18).
struct Warranty: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Warranty status: the manufacturer's warranty only; the supplier gives none of its own on hardware (art. 18.1).",
        subcommands: [Show.self, Set.self, Expiring.self], defaultSubcommand: Show.self)

    enum Format: String, ExpressibleByArgument { case text, html }

    struct Window: ParsableArguments {
        @Option(name: .long, help: "Days before the end in which a warranty is 'expiring' (default: $TITLEHOLD_WARRANTY_WINDOW_DAYS, else 30).")
        var window: Int?
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print an item's warranty status (the default).")
        @Argument(help: "The item's serial.") var serial: String
        @Option(name: .long, help: "text (default) or html: a printable one-page sheet with the serial as a barcode.")
        var format: Format = .text
        @OptionGroup var window: Window
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var date: RuleDateOptions

        func run() throws {
            let day = date.day
            let report = try userFacing {
                try WarrantyService.load(window: window.window).report(serial: serial, in: ledger.open(), on: day)
            }
            if output.json { try printJSON(report); return }
            switch format {
            case .text: print(report.text)
            case .html:
                let page = try userFacing {
                    try WarrantySheet.html(report.status, serial: report.serial, client: report.clientName ?? report.client,
                                           deliveredOn: report.deliveredOn, on: day, templates: PrintShop.load().templates)
                }
                print(page)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a warranty looked up at the manufacturer, or an extension (care pack), for an item.")
        @Argument(help: "The item's serial.") var serial: String
        @Option(name: .long, help: "Last day of the warranty, YYYY-MM-DD.", transform: parseDay) var until: Day
        @Option(name: .long, help: "First day, when the manufacturer's start is not the delivery date.", transform: parseDay)
        var from: Day?
        @Option(name: .long, help: "Where it comes from (e.g. 'Dell warranty look-up 2026-11-25', 'Care Pack U1234E').")
        var source: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try userFacing {
                try ledger.open().recordWarranty(
                    serial: serial, WarrantyOverride(from: from, until: until, source: source, recordedOn: BusinessClock.today()),
                    context: ChangeContext(command: "warranty set"))
            }
            print("recorded: warranty of \(serial) \(from.map { "from \($0) " } ?? "")through \(until) (\(source))")
        }
    }

    struct Expiring: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List items whose warranty ends within a number of days.")
        @Option(name: .long, help: "Days from the date (default 30).") var within: Int = 30
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var date: RuleDateOptions

        func validate() throws { if within < 0 { throw ValidationError("--within must be 0 or more days") } }

        func run() throws {
            let day = date.day
            let reports = try userFacing {
                try WarrantyService.load(window: within).expiring(within: within, in: ledger.open(), on: day)
            }
            if output.json { try printJSON(reports); return }
            if reports.isEmpty { print("no warranty ends within \(within) days of \(day)"); return }
            for r in reports {
                print("\(r.serial)\t\(r.client)\t\(r.status.manufacturer ?? "?") \(r.status.model ?? "")\tends \(r.status.end.map(\.description) ?? "?")\t\(r.status.daysLeft ?? 0) days left")
            }
        }
    }
}
