import ArgumentParser
import Documents
import Foundation
import LedgerStore
import TitleholdApp
import TitleholdCore

extension StoredVisit.Outcome: ExpressibleByArgument {}

/// `titlehold pickups plan|notices|manifest|scan|close|credit-notes`: taking back goods (art. 10.3, 4.2).
struct Pickups: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan visits to take back eligible goods (art. 10.3) on working days (art. 4.2), and record what happened at the door.",
        subcommands: [Plan.self, Notices.self, Manifest.self, Scan.self, Close.self, CreditNotes.self])


    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan (again) the pickups of eligible, unblocked items: one visit per client site, inside working days and hours.",
            discussion: """
                Safe to run again and again: visits keep their ids, a client who paid or an item no longer eligible \
                drops out, and the output says what changed. Capacity: Resources/calendar/pickup-capacity.conf; \
                working days: Resources/calendar/pickups.conf.
                """)
        @Option(name: .long, help: "First day of the plan, YYYY-MM-DD (default: today).", transform: parseDay) var from: Day?
        @Option(name: .long, help: "Calendar days to plan (default 14).") var days = 14
        @Option(name: .long, help: "Also write the visits as an iCalendar file (RFC 5545) to import in Outlook.") var ics: String?
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var scope: ScopeOptions

        func validate() throws { if days < 1 || days > 366 { throw ValidationError("--days must be 1 to 366") } }

        func run() throws {
            let start = from ?? BusinessClock.today()
            let outcome = try userFacing {
                try PickupService(rules: RuleBook.load(), scope: scope.resolved()).plan(ledger: ledger.open(), from: start, days: days)
            }
            let plan = outcome.plan
            if let ics {
                let text = ICalendar.pickups(plan.visits).serialized(stamp: Date())
                do { try text.write(toFile: ics, atomically: true, encoding: .utf8) } catch {
                    throw CLIError("cannot write \(ics): \(error.localizedDescription)")
                }
            }
            if output.json { try printJSON(plan.visits.map(PickupVisitReport.init)); return }
            print("pickups \(plan.from) – \(plan.through): \(plan.visits.count) visit(s)")
            for visit in plan.visits {
                print("  \(visit.id)  \(visit.date) \(visit.timeWindow)  technician \(visit.technician)  \(visit.clientName), \(visit.siteAddress): \(visit.serials.joined(separator: ", ")) (\(visit.valueAtRisk))")
            }
            for change in plan.changes { print("changed: \(change)") }
            for entry in plan.needsNotice {
                print("needs a pickup notice first: \(entry.clientName) (\(entry.serials.count) item(s)); run `titlehold pickups notices`")
            }
            for unplaced in plan.unplaced { print("not planned: \(unplaced)") }
            for held in outcome.heldBack { print("held back: \(held.flag.item.serial) of \(held.flag.clientKey): \(held.reason)") }
            if let ics { print("wrote \(ics)") }
        }
    }

    struct Notices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the pickup notice (art. 10.3, in Dutch) to every client with items to collect and no notice yet; record them as sent.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var date: RuleDateOptions
        @OptionGroup var scope: ScopeOptions
        @Option(name: .long, help: "The folder to write the letters into (default: ./letters).") var out: String = "letters"

        func run() throws {
            let day = date.day
            let written = try userFacing {
                try PickupService(rules: RuleBook.load(), scope: scope.resolved())
                    .sendNotices(ledger: ledger.open(), on: day, print: PrintShop.load(), into: URL(fileURLWithPath: out))
            }
            if written.isEmpty { print("no pickup notices due on \(day)"); return }
            for url in written { print(url.path) }
            print("\(written.count / 2) notice(s) written and recorded as sent on \(day)")
        }
    }

    struct Manifest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what to collect on a visit, with the serials as barcodes, the client's contact and the access clause.")
        @Argument(help: "The visit id (or a unique beginning of it).") var visit: String
        @Option(name: .long, help: "text (default) or html.") var format: Warranty.Format = .text
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let page = try userFacing {
                let store = try ledger.open()
                let stored = try store.visit(visit)
                let shop = try PrintShop.load()
                let client = try store.clientFiles(ids: [stored.visit.clientID]).first
                return try PickupManifest(visit: stored.visit, contact: .init(name: client?.name ?? stored.visit.clientName),
                                          supplierName: shop.letters.supplier.name, clientNumber: client?.key)
                    .render(format == .html ? .html : .text, with: shop.templates)
            }
            print(page)
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan what is collected at the door: each serial on the manifest becomes repossessed; the visit is closed at the end.")
        @Argument(help: "The visit id.") var visit: String
        @OptionGroup var visitDay: VisitDayOption
        @OptionGroup var input: ScanInputOptions
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let today = try visitDay.clock()
            let runner = try userFacing {
                try PickupScanRunner(ledger: ledger.open(), visit: visit, today: today)
            }
            try input.run(runner, json: output.json)
            let closed = try userFacing { try runner.close() }
            let missing = closed.visit.serials.filter { !closed.collected.contains($0) }
            print("visit \(closed.visit.id) closed: \(closed.outcome?.rawValue ?? "?"), \(closed.collected.count) of \(closed.visit.serials.count) collected")
            if !missing.isEmpty { print("not found (stay flagged for a next visit): \(missing.joined(separator: ", "))") }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a visit without scanning, e.g. when access was refused (art. 10.3): the items stay flagged.")
        @Argument(help: "The visit id.") var visit: String
        @Argument(help: "access-refused, some-not-found or all-collected.") var outcome: StoredVisit.Outcome
        @Option(name: .long, help: "What happened, for the record.") var note: String?
        @OptionGroup var visitDay: VisitDayOption
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let day = try visitDay.day()
            let closed = try userFacing {
                try ledger.open().closeVisit(visit, outcome: outcome, on: day, note: note,
                                             context: ChangeContext(command: "pickups close"))
            }
            print("visit \(closed.visit.id) closed: \(outcome.rawValue)")
        }
    }

    struct CreditNotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "credit-notes",
            abstract: "List repossessed items for the accountant: each needs a credit note on the invoice it was billed on.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: OutputOptions

        struct Row: Encodable {
            var serial: String; var client: String; var repossessedOn: Day; var invoice: String?; var valueCents: Int64?; var visit: String?
        }

        func run() throws {
            let rows = try userFacing { try ledger.open().repossessedItems() }.map {
                Row(serial: $0.serial, client: $0.client, repossessedOn: $0.repossessedOn, invoice: $0.invoice,
                    valueCents: $0.value?.value, visit: $0.visit)
            }
            if output.json { try printJSON(rows); return }
            if rows.isEmpty { print("no repossessed items"); return }
            for r in rows {
                print("\(r.serial)\t\(r.client)\trepossessed \(r.repossessedOn)\tinvoice \(r.invoice ?? "none")\t\(r.valueCents.map { Cents($0).description } ?? "value unknown")\tcredit note needed")
            }
        }
    }
}

/// `--date` of a visit recorded at the door or afterwards (from the technician's paper list):
/// the day the items were collected or access was refused. Default today; a day after today is
/// refused, since what has not happened yet cannot be on record.
struct VisitDayOption: ParsableArguments {
    @Option(name: .long, help: "The day of the visit, YYYY-MM-DD (default: today in Europe/Amsterdam; not in the future).",
            transform: parseDay)
    var date: Day?

    func day(today: Day = BusinessClock.today()) throws -> Day {
        guard let date else { return today }
        guard date <= today else { throw ValidationError("--date \(date) is after today (\(today)); record a visit once it has happened") }
        return date
    }

    /// The day each scan is recorded on: the given `--date`, else the day the scan happens (a
    /// session at the door may run past midnight).
    func clock() throws -> @Sendable () -> Day {
        guard date != nil else { return { BusinessClock.today() } }
        let day = try day()
        return { day }
    }
}
