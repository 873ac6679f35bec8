import ArgumentParser
import LedgerStore
import TitleholdApp
import TitleholdCore

/// `titlehold payments unmatched`
struct Payments: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Payments.", subcommands: [Unmatched.self])

    struct Unmatched: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List received payments that matched no client or invoice (kept, never dropped).")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        struct Row: Encodable {
            var id: Int64; var bookingDate: Day; var amountCents: Int64; var debtorName: String?
            var debtorIban: String?; var remittance: String?; var file: String
        }

        func run() throws {
            let list = try userFacing { try ledger.open().unmatchedPayments() }
            if output.json {
                try printJSON(list.map { Row(id: $0.id, bookingDate: $0.bookingDate, amountCents: $0.amount.value,
                                             debtorName: $0.debtorName, debtorIban: $0.debtorIBAN,
                                             remittance: $0.remittance, file: $0.fileName) })
                return
            }
            if list.isEmpty { print("no unmatched payments"); return }
            for p in list {
                print("\(p.id)\t\(p.bookingDate)\t\(p.amount)\t\(p.debtorName ?? "-")\t\(p.debtorIBAN ?? "-")\t\(p.remittance ?? "")")
            }
        }
    }
}

/// `titlehold agreements set-kind REF goods|services`
struct Agreements: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Agreements (orders, quotes, contracts).",
                                                    subcommands: [SetKind.self])

    struct SetKind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-kind",
            abstract: "Override whether an agreement is for goods (retention of title applies) or services only.")
        @Argument(help: "The agreement's reference.") var reference: String
        @Argument(help: "goods or services.") var kind: AgreementKind
        @Option(name: .long, help: "The client, when several clients have an agreement with this reference.") var client: String?
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try userFacing {
                try ledger.open().setAgreementKind(reference: reference, client: client, kind: kind,
                                                   context: ChangeContext(command: "agreements set-kind"))
            }
            print("agreement \(reference) is now of kind \(kind.rawValue)")
        }
    }
}

/// `titlehold clients set-kind ID business|consumer`
struct Clients: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Clients.", subcommands: [SetKind.self, Status.self, TaxNotice.self, Export.self, Erase.self])

    struct SetKind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-kind", abstract: "Set whether a client is a business or a consumer.")
        @Argument(help: "The client.") var client: String
        @Argument(help: "business or consumer.") var kind: ClientKind
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try userFacing {
                try ledger.open().setClientKind(client, kind: kind, context: ChangeContext(command: "clients set-kind"))
            }
            print("client \(client) is now a \(kind.rawValue)")
        }
    }
}

/// `titlehold audit verify`
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The audit trail.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the event log's hash chain and say where it breaks (exit status 1 when broken).")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        struct Result: Encodable { var ok: Bool; var events: Int; var headHash: String; var brokenAt: Int64?; var problem: String? }

        func run() throws {
            let v = try userFacing { try ledger.open().verifyAuditLog() }
            if output.json {
                try printJSON(Result(ok: v.firstBreak == nil, events: v.eventCount, headHash: v.headHash,
                                     brokenAt: v.firstBreak?.seq, problem: v.firstBreak?.problem))
            } else if let broken = v.firstBreak {
                print("BROKEN at event \(broken.seq): \(broken.problem)")
            } else {
                print("intact: \(v.eventCount) events; head hash \(v.headHash)")
            }
            if v.firstBreak != nil { throw ExitCode(1) }
        }
    }
}
