import ArgumentParser
import LedgerStore
import TitleholdApp

/// `titlehold import invoices|payments FILE...`
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import e-invoices (UBL 2.1) or bank statements (camt.053).",
        subcommands: [Invoices.self, PaymentsFiles.self])

    struct Invoices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invoices",
            abstract: "Import UBL 2.1 invoices and credit notes (Peppol BIS 3, SI-UBL 2.0, OASIS UBL 2.1). All files or none.")
        @Argument(help: "UBL XML files.") var files: [String]
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let parsed = try userFacing { try FileImport.invoices(paths: files) }
            let database = try ledger.open()
            let outcomes = try userFacing {
                try database.importDocuments(parsed, context: ChangeContext(command: "import invoices"))
            }
            try report(outcomes, json: output.json)
        }
    }

    struct PaymentsFiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payments",
            abstract: "Import the credit entries of ISO 20022 camt.053 bank statements. All files or none.")
        @Argument(help: "camt.053 XML files.") var files: [String]
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let parsed = try userFacing { try FileImport.statements(paths: files) }
            let database = try ledger.open()
            let outcomes = try userFacing {
                try database.importPayments(parsed, context: ChangeContext(command: "import payments"))
            }
            try report(outcomes, json: output.json)
        }
    }
}

private struct OutcomeJSON: Encodable { var file: String; var status: String; var summary: String }

private func report(_ outcomes: [ImportOutcome], json: Bool) throws {
    if json {
        try printJSON(outcomes.map { OutcomeJSON(file: $0.fileName, status: $0.status.rawValue, summary: $0.summary) })
    } else {
        for o in outcomes { print("\(o.fileName): \(o.status == .imported ? "" : "unchanged: ")\(o.summary)") }
    }
}
