import ArgumentParser
import Foundation
import LedgerStore
import TitleholdApp

/// `titlehold intake`: scan what is being delivered to a client under an order.
struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record delivered items by scanning them: a product barcode then its serial, or one barcode with both.",
        discussion: """
            Control barcodes: TH:ORDER:<reference> switches the agreement, TH:UNDO undoes the last item, \
            TH:END ends the session (`titlehold intake sheet` prints them). Every item is written to the ledger \
            before it is acknowledged.
            """,
        subcommands: [Run.self, Sheet.self], defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run an intake session (the default).")

        @Option(name: .long, help: "The client receiving the goods.") var client: String
        @Option(name: .long, help: "The order, quote or contract number.") var agreement: String
        @OptionGroup var input: ScanInputOptions
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let runner = IntakeRunner(ledger: try ledger.open(), client: client, agreement: agreement,
                                      today: { BusinessClock.today() })
            try input.run(runner, json: output.json)
        }
    }
}

extension Intake {
    /// `titlehold intake sheet`: the control barcodes to print once and keep with the scanner.
    struct Sheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the control barcodes: as text, or with --html FILE as a page with the barcodes drawn.")

        @Option(name: .long, help: "An agreement or order number to print a switch barcode for (repeatable).")
        var order: [String] = []
        @Option(name: .long, help: "Write a printable HTML page with the Code 128 barcodes to this file.") var html: String?

        func run() throws {
            guard let html else { print(ControlSheet.text(orders: order)); return }
            let page: String
            do { page = try ControlSheet.html(orders: order) } catch { throw CLIError("\(error)") }
            do { try page.write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw CLIError("cannot write \(html): \(error.localizedDescription)")
            }
            print("wrote \(html)")
        }
    }
}
