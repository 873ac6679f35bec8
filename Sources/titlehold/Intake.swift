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
        @Option(name: .long, help: "Read the USB scanner VID:PID (e.g. 0c2e:0b61) instead of any known scanner.")
        var device: String?
        @Flag(name: .long, help: "Read scans from standard input, one per line (a scanner typing as a keyboard, or a script).")
        var stdin = false
        @Option(name: .long, help: "End after N accepted items.") var count: Int?
        @Option(name: .long, help: "Keyboard layout of keyboard-wedge scanners: us, de, fr (files in Resources/keyboard-layouts).")
        var layout = "us"
        @Option(name: .long, help: "Characters a keyboard-wedge scanner sends after each scan besides Enter.")
        var suffix = ""
        @Option(name: .customLong("idle-exit"), help: "End after this many seconds without a scan.") var idleExit: Double?
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let count, count < 1 { throw ValidationError("--count must be at least 1") }
            if let idleExit, idleExit <= 0 { throw ValidationError("--idle-exit must be a positive number of seconds") }
            if stdin, device != nil { throw ValidationError("choose --stdin or --device, not both") }
        }

        func run() throws {
            let runner = IntakeRunner(ledger: try ledger.open(), client: client, agreement: agreement,
                                      today: { BusinessClock.today() })
            let report: (IntakeRunner.Acknowledgement) -> Void = { ack in
                if output.json {
                    let encoder = JSONEncoder()
                    encoder.keyEncodingStrategy = .convertToSnakeCase
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    if let data = try? encoder.encode(ack) { print(String(decoding: data, as: UTF8.self)) }
                } else {
                    print("\(ack.status.uppercased()): \(ack.message)")
                }
                fflush(nil)
            }
            if stdin {
                var lines = StandardInputLines()
                loop: while !runner.isEnded {
                    switch lines.next(timeout: idleExit) {
                    case .line(let text):
                        if text.isEmpty { continue }
                        report(runner.handle(text))
                        if let count, runner.acceptedCount >= count { break loop }
                    case .idle, .end: break loop
                    }
                }
            } else {
                do {
                    try ScannerIntake(device: device, idleExit: idleExit, count: count, layout: layout, suffix: suffix)
                        .run(runner: runner, report: report)
                } catch {
                    throw CLIError("\(error)")
                }
            }
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
