import Foundation
import GRDB
import LedgerStore
import TitleholdCore
#if canImport(Glibc)
import Glibc
#endif

/// `decisions-benchmark` (issue 4, Speed): `titlehold flags` and `titlehold dunning` over the
/// synthetic ledger of `ledger-benchmark` (1,000,000 items), beside hand-written SQL queries in the
/// sqlite3 shell that find the same eligible serials: `eligible-serials.sql` for ownership scope
/// `invoice`, `eligible-serials-client.sql` for scope `client` (the default of `flags`).
///
/// 1. Unless the ledger has letters already, it records a 1st and a 2nd reminder for every invoice
///    of every `--every`th client that fell due at least 40 days before the day (1st reminder the
///    day after the due date, 2nd 21 days later), through the store's own `recordLetters`.
/// 2. It times cold `titlehold flags --json` (scope invoice and the default client) and
///    `titlehold dunning --json` processes, and the sqlite3 shell running each query; median of
///    `--runs`. Each `flags` is set beside the query of its scope; `dunning` beside the invoice-scope one.
/// 3. It compares the serials `flags --scope invoice` finds with `eligible-serials.sql`'s, and those
///    of the default `flags` with `eligible-serials-client.sql`'s.
///
/// Usage: decisions-benchmark [--db FILE] [--at YYYY-MM-DD] [--every N] [--runs N] [--titlehold PATH]
struct Options {
    var db = "/tmp/ledger-benchmark/ledger-1000000.sqlite"
    var at: Day?
    var every = 20
    var runs = 3
    var titlehold: String?

    init(_ args: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw BenchError("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--db": db = try value()
            case "--at": at = Day(iso: try value())
            case "--every": every = max(1, Int(try value()) ?? 20)
            case "--runs": runs = max(1, Int(try value()) ?? 3)
            case "--titlehold": titlehold = try value()
            default: throw BenchError("unknown argument \(args[i]); see the doc comment in Benchmarks/DecisionsBenchmark/main.swift")
            }
            i += 1
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs a program to its end; returns its standard output.
///
/// The output goes to a file, as `> out.json` sends it, and is read once the program has ended:
/// the time taken is the program's own, not that of this process reading a pipe (132 MB of
/// `flags --json` took this benchmark longer to read through a pipe than `flags` took to write).
func run(_ program: String, _ arguments: [String], input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("decisions-benchmark-\(UUID().uuidString).out")
    guard FileManager.default.createFile(atPath: outURL.path, contents: nil) else { throw BenchError("cannot create \(outURL.path)") }
    defer { try? FileManager.default.removeItem(at: outURL) }
    let out = try FileHandle(forWritingTo: outURL)
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardInput = inPipe
    process.standardError = FileHandle.standardError
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try? inPipe.fileHandleForWriting.close()
    process.waitUntilExit()
    try out.close()
    guard process.terminationStatus == 0 else { throw BenchError("\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let options = try Options(Array(CommandLine.arguments.dropFirst()))
let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
let titlehold = options.titlehold ?? me.appendingPathComponent("titlehold").path
guard FileManager.default.isExecutableFile(atPath: titlehold) else {
    throw BenchError("no titlehold binary at \(titlehold): build it with the same scratch path (--product titlehold)")
}
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let sqlFile = here.appendingPathComponent("eligible-serials.sql")
let clientSQLFile = here.appendingPathComponent("eligible-serials-client.sql")

// 1. Letters.
let ledger = try LedgerDatabase.open(path: options.db)
let reader = try DatabaseQueue(path: options.db, configuration: { var c = Configuration(); c.readonly = true; return c }())
let lastPayment = try reader.read { db in try String.fetchOne(db, sql: "SELECT MAX(booking_date) FROM payment") }
guard let day = options.at ?? lastPayment.flatMap({ Day(iso: $0) }) else { throw BenchError("the ledger has no payments; give --at") }
let letterCount = try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM letter") ?? 0 }
if letterCount == 0 {
    let due = try reader.read { db in
        try Row.fetchAll(db, sql: """
            SELECT number, due_date FROM document WHERE kind = 'invoice' AND client_id % ? = 0 AND due_date <= ?
            ORDER BY client_id, due_date
            """, arguments: [options.every, day.adding(days: -40).description])
    }
    var letters: [SentLetter] = []
    for row in due {
        guard let dueDate = Day(iso: row[1] as String) else { continue }
        letters.append(SentLetter(invoice: row[0], kind: .reminder1, sentOn: dueDate.adding(days: 1), origin: .external))
        letters.append(SentLetter(invoice: row[0], kind: .reminder2, sentOn: dueDate.adding(days: 22), origin: .external))
    }
    let took = try seconds {
        for start in stride(from: 0, to: letters.count, by: 2_000) {
            try ledger.recordLetters(Array(letters[start..<min(start + 2_000, letters.count)]),
                                     context: ChangeContext(command: "decisions-benchmark"))
        }
    }
    print("recorded \(letters.count) letters for \(due.count) invoices of every \(options.every)th client in \(String(format: "%.1f", took)) s")
} else {
    print("the ledger has \(letterCount) letters already; using them")
}

// 2. Timings (one untimed run of each first, so binaries and pages are warm).
func timed(_ label: String, _ program: String, _ args: [String], input: String? = nil) throws -> (Double, String) {
    var output = try run(program, args, input: input)
    var times: [Double] = []
    for _ in 0..<options.runs { times.append(try seconds { output = try run(program, args, input: input) }) }
    let m = median(times)
    print(String(format: "%-44@ median %8.2f s  (runs: %@)", label as NSString, m,
                 times.map { String(format: "%.2f", $0) }.joined(separator: ", ")))
    return (m, output)
}
let at = day.description
let sql = try String(contentsOf: sqlFile, encoding: .utf8).replacingOccurrences(of: ":day", with: at)
let clientSQL = try String(contentsOf: clientSQLFile, encoding: .utf8).replacingOccurrences(of: ":day", with: at)
print("on \(at), ledger \(options.db):")
let (sqlTime, sqlOutput) = try timed("sqlite3 shell, eligible-serials.sql", "/usr/bin/sqlite3", ["-readonly", options.db], input: sql)
let (flagsInvoiceTime, flagsInvoiceOutput) = try timed("titlehold flags --json --scope invoice", titlehold,
                                                       ["flags", "--json", "--scope", "invoice", "--at", at, "--db", options.db])
let (clientSQLTime, clientSQLOutput) = try timed("sqlite3 shell, eligible-serials-client.sql", "/usr/bin/sqlite3",
                                                 ["-readonly", options.db], input: clientSQL)
let (flagsClientTime, flagsClientOutput) = try timed("titlehold flags --json (scope client)", titlehold,
                                                     ["flags", "--json", "--scope", "client", "--at", at, "--db", options.db])
let (dunningTime, dunningOutput) = try timed("titlehold dunning --json", titlehold, ["dunning", "--json", "--at", at, "--db", options.db])

// 3. The sets.
func serials(_ json: String) throws -> Set<String> {
    let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
    return Set(rows.compactMap { $0["serial"] as? String })
}
func lines(_ output: String) -> Set<String> { Set(output.split(separator: "\n").map(String.init)) }
/// One scope's comparison: the counts, and the first few serials only one side finds.
func compare(_ scope: String, query: Set<String>, flags: Set<String>) {
    print("eligible serials, scope \(scope): query \(query.count), flags \(flags.count) (same: \(query.intersection(flags).count), "
          + "only query: \(query.subtracting(flags).count), only flags: \(flags.subtracting(query).count))")
    for serial in query.symmetricDifference(flags).sorted().prefix(5) {
        print("  differs: \(serial) (\(query.contains(serial) ? "query only" : "flags only"))")
    }
}
compare("invoice", query: lines(sqlOutput), flags: try serials(flagsInvoiceOutput))
compare("client", query: lines(clientSQLOutput), flags: try serials(flagsClientOutput))
let dunningRows = (try JSONSerialization.jsonObject(with: Data(dunningOutput.utf8)) as? [Any])?.count ?? 0
print("dunning lists \(dunningRows) open invoices")
print(String(format: "ratio to the query of the same scope: flags (invoice) %.2fx, flags (client) %.2fx; "
             + "dunning %.2fx (to the invoice-scope query)",
             flagsInvoiceTime / sqlTime, flagsClientTime / clientSQLTime, dunningTime / sqlTime))
