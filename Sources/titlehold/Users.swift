import ArgumentParser
import Foundation
import LedgerStore
import TitleholdServer
#if canImport(Glibc)
import Glibc
#endif

extension Role: ExpressibleByArgument {}

/// Who ran a command, for the event log's `actor` (issue 6: who did what is in the event log).
func commandLineActor() -> String {
    let name = getpwuid(geteuid()).flatMap { String(validatingCString: $0.pointee.pw_name) }
        ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    return "\(name) (cli)"
}

/// `titlehold users add|list`: the people who may use the service, each with a role.
struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Users of the service (roles intake, finance, admin).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. The first admin is made here; later ones also through the admin API.",
            discussion: """
                The password (at least \(Accounts.minimumPasswordLength) characters) is asked for without echo, or read \
                from the first line of standard input with --password-stdin. Only its bcrypt hash is stored.
                """)
        @Argument(help: "The user's name (1 to 64 characters).") var name: String
        @Option(name: .long, help: "intake (scan, look up), finance (imports, dunning, letters, flags, pickups) or admin (users, tokens, settings).")
        var role: Role
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.")
        var passwordStdin = false
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let password = try passwordStdin ? readPasswordFromStdin() : promptPassword(for: name)
            let store = try ledger.open()
            try userFacing {
                try Accounts.addUser(name, password: password, role: role, in: store,
                                     context: ChangeContext(command: "users add", actor: commandLineActor()))
            }
            print("user \(name) added with role \(role.rawValue)")
            print("make a token for programs with: titlehold tokens create --user \(name)")
        }

        private func readPasswordFromStdin() throws -> String {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("--password-stdin: standard input is empty; give the password on its first line")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }

        /// Asks twice on the terminal without echo (getpass reads /dev/tty, not standard input).
        private func promptPassword(for name: String) throws -> String {
            guard let first = getpass("Password for \(name): ").map({ String(cString: $0) }) else {
                throw CLIError("no terminal to ask for the password on; pipe it in with --password-stdin")
            }
            guard first.count >= Accounts.minimumPasswordLength else {
                throw CLIError("a password has at least \(Accounts.minimumPasswordLength) characters")
            }
            guard let again = getpass("Again: ").map({ String(cString: $0) }), again == first else {
                throw CLIError("the two passwords differ; nothing was changed")
            }
            return first
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users and their roles.")
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let users = try userFacing { try ledger.open().users() }
            if users.isEmpty { print("no users yet; add the first admin with: titlehold users add NAME --role admin") }
            for user in users { print("\(user.name)\t\(user.role)\tadded \(user.createdAt.prefix(10))") }
        }
    }
}

/// `titlehold tokens create|revoke`: bearer tokens for programs and scripts.
struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bearer tokens for the HTTP API (a token acts with its user's role).", subcommands: [Create.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token for a user; it is printed once and stored only as a hash.")
        @Option(name: .long, help: "The user the token acts as.") var user: String
        @Option(name: .long, help: "What the token is for (a script, a machine).") var label: String?
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let made = try userFacing {
                try ledger.open().createToken(user: user, label: label,
                                              context: ChangeContext(command: "tokens create", actor: commandLineActor()))
            }
            print("token \(made.id) for \(user)\(label.map { " (\($0))" } ?? ""); it is shown only this once:")
            print(made.token)
            print("use it as the header:  Authorization: Bearer \(made.token)")
            print("revoke it with:        titlehold tokens revoke \(made.id)")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id; requests with it are refused from then on.")
        @Argument(help: "The token's id (printed when it was created).") var id: Int64
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            try userFacing {
                try ledger.open().revokeToken(id: id, context: ChangeContext(command: "tokens revoke", actor: commandLineActor()))
            }
            print("token \(id) revoked")
        }
    }
}

extension Clients {
    /// `titlehold clients export ID`: everything the ledger holds about a client, as JSON (art. 30).
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print everything the ledger holds about a client as JSON (art. 30 of the terms).")
        @Argument(help: "The client (KvK number, key, VAT number...).") var client: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let export = try userFacing { try ledger.open().exportClient(client) }
            try printJSON(export)
        }
    }

    /// `titlehold clients erase ID [--yes]`: drops the personal parts, keeps the bookkeeping (art. 30; art. 52 AWR).
    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a client's personal data, keeping invoices, payments and amounts (art. 30; art. 52 AWR).",
            discussion: """
                Without --yes, prints what would be erased and changes nothing. Cleared: name, address, delivery \
                addresses, payers' names and accounts, free-text notes, bank-account identifiers (a consumer keeps only \
                the debtor number). Kept: invoice and credit-note numbers, dates, lines and amounts, payments' dates and \
                amounts, items and their history — the records that must be kept for 7 years. The event log is not rewritten.
                """)
        @Argument(help: "The client (KvK number, key, VAT number...).") var client: String
        @Flag(name: .long, help: "Erase; without it, only say what would be erased.") var yes = false
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let store = try ledger.open()
            guard yes else {
                let plan = try userFacing { try store.erasurePlan(client) }
                guard plan.changesAnything else {
                    print("client \(client): nothing to erase\(plan.erasedBefore ? " (erased before)" : "")")
                    return
                }
                print("client \(client): would erase")
                printLines(plan)
                print("nothing was changed; run again with --yes to erase")
                return
            }
            let report = try userFacing {
                try store.eraseClient(client, context: ChangeContext(command: "clients erase", actor: commandLineActor()))
            }
            guard report.changesAnything else {
                print("client \(client): nothing to erase\(report.erasedBefore ? " (erased before)" : "")")
                return
            }
            print("client \(client): erased")
            printLines(report)
            if report.keyReplaced { print("the client is now known as \(report.client)") }
        }

        private func printLines(_ r: ErasureReport) {
            var lines: [String] = []
            if r.nameCleared { lines.append("its name") }
            if r.addressCleared { lines.append("its address") }
            if r.keyReplaced { lines.append("its key (it named the client), replaced by \(r.client)") }
            if !r.identifiersRemoved.isEmpty { lines.append("identifiers: \(r.identifiersRemoved.joined(separator: ", "))") }
            if r.itemAddressesCleared > 0 { lines.append("\(r.itemAddressesCleared) item delivery address(es)") }
            if r.itemEventNotesCleared > 0 { lines.append("\(r.itemEventNotesCleared) note(s) on item events") }
            if r.invoiceAddressesCleared > 0 { lines.append("\(r.invoiceAddressesCleared) invoice delivery address(es)") }
            if r.paymentsCleared > 0 { lines.append("payer name and account on \(r.paymentsCleared) payment(s)") }
            if r.statusNotesCleared > 0 { lines.append("\(r.statusNotesCleared) status note(s)") }
            if r.taxNoticeNotesCleared > 0 { lines.append("\(r.taxNoticeNotesCleared) tax-notice note(s)") }
            if r.pickupVisitsCleared > 0 { lines.append("name, address and notes of \(r.pickupVisitsCleared) pickup visit(s)") }
            for line in lines { print("  - \(line)") }
            if !r.identifiersKept.isEmpty { print("kept identifiers: \(r.identifiersKept.joined(separator: ", "))") }
            print("kept: invoices, credit notes, payments, amounts and item history (7-year retention, art. 52 AWR)")
            if !r.filesOutsideLedger.isEmpty {
                print("letters written for this client are files outside the ledger; delete or keep them yourself:")
                for file in r.filesOutsideLedger { print("  \(file)") }
            }
        }
    }
}
