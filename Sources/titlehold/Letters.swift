import ArgumentParser
import Documents
import Foundation
import LedgerStore
import TitleholdApp
import TitleholdCore

extension LetterStep: ExpressibleByArgument {}

/// `titlehold letters send|record`: dunning letters (art. 13.4).
struct Letters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dunning letters: write the ones due, or record one sent outside Titlehold (art. 13.4).",
        subcommands: [Send.self, Record.self])

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the dunning letters due on a date, in Dutch, as HTML and text, and record them as sent on that date.",
            discussion: """
                One letter per client per step, covering all the client's invoices at that step, with the open amounts,                 the interest and collection costs (the costs on their sum, art. 6:96(7) BW), the term and the date it ends.                 The letterhead comes from Resources/templates/letters/supplier.conf; edit it before the first run.
                """)
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var date: RuleDateOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: "The folder to write the letters into (default: ./letters).") var out: String = "letters"

        func run() throws {
            let day = date.day
            let written = try userFacing {
                try LetterService(rules: RuleBook.load(), print: PrintShop.load())
                    .send(ledger: ledger.open(), on: day, into: URL(fileURLWithPath: out))
            }
            if output.json { try printJSON(written); return }
            if written.isEmpty { print("no letters due on \(day)"); return }
            for letter in written {
                print("\(letter.client)\t\(letter.step)\t\(letter.invoices.joined(separator: ","))\tterm ends \(letter.termEndsOn)\t\(Cents(letter.totalCents))\t\(letter.html)")
            }
            print("\(written.count) letter(s) written and recorded as sent on \(day)")
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a letter sent outside Titlehold; its term runs from the day after --sent.")
        @Argument(help: "The invoice number.") var invoice: String
        @Argument(help: "reminder1, reminder2 or notice_of_default.") var step: LetterStep
        @Option(name: .long, help: "The day the letter went out, YYYY-MM-DD.", transform: parseDay) var sent: Day
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try userFacing {
                try ledger.open().recordLetters(
                    [SentLetter(invoice: invoice, kind: step.dunningKind, sentOn: sent, origin: .external)],
                    context: ChangeContext(command: "letters record"))
            }
            print("recorded: the \(step.dunningKind.label) of invoice \(invoice), sent \(sent)")
        }
    }
}
