import ArgumentParser
import Documents
import Foundation
import Importers
import LedgerStore
import TitleholdApp
import TitleholdCore

/// Options every command takes.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger database (default: $TITLEHOLD_DB, else $XDG_DATA_HOME/titlehold/titlehold.sqlite).")
    var db: String?

    var path: String { LedgerLocation.resolve(explicit: db) }

    func open() throws -> LedgerDatabase {
        do { return try LedgerDatabase.open(path: path) } catch {
            throw CLIError("cannot open the ledger at \(path): \(error)")
        }
    }
}

/// `--json` for commands that print results.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON (snake_case keys, money in integer cents, ISO 8601 dates).")
    var json = false
}

/// `--at` for commands that evaluate rules.
struct RuleDateOptions: ParsableArguments {
    @Option(name: .long, help: "Evaluate on this date, YYYY-MM-DD (default: today in Europe/Amsterdam).",
            transform: parseDay)
    var at: Day?

    var day: Day { at ?? BusinessClock.today() }
}

/// `--scope` for ownership.
struct ScopeOptions: ParsableArguments {
    @Option(name: .long, help: "Which unpaid claims retain an item: client (the terms' extended clause, default), agreement or invoice. Default from $TITLEHOLD_OWNERSHIP_SCOPE.")
    var scope: OwnershipScope?

    func resolved() throws -> OwnershipScope {
        if let scope { return scope }
        if let env = ProcessInfo.processInfo.environment["TITLEHOLD_OWNERSHIP_SCOPE"], !env.isEmpty {
            guard let s = OwnershipScope(rawValue: env) else {
                throw CLIError("TITLEHOLD_OWNERSHIP_SCOPE is '\(env)'; use client, agreement or invoice")
            }
            return s
        }
        return .client
    }
}

extension OwnershipScope: ExpressibleByArgument {}
extension AgreementKind: ExpressibleByArgument {}
extension ClientKind: ExpressibleByArgument {}
extension OwnershipVerdict.Owner: ExpressibleByArgument {}

func parseDay(_ text: String) throws -> Day {
    guard let day = Day(iso: text) else { throw ValidationError("'\(text)' is not a date; use YYYY-MM-DD") }
    return day
}

/// An error for the person at the terminal: printed as is, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning the library's errors into messages for the terminal.
func userFacing<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as LedgerError {
        throw CLIError(error.message)
    } catch let error as ImportError {
        throw CLIError(error.description)
    } catch let error as RuleBookError {
        throw CLIError(error.description)
    } catch let error as DocumentError {
        throw CLIError(error.description)
    }
}

/// Prints `value` as JSON: indented for a person at a terminal, one compact line for a pipe or
/// a file (as `jq` and `gh` do) — a large answer (`flags`, `dunning` over a whole ledger) is then
/// written and read faster. Keys are sorted either way.
func printJSON<T: Encodable>(_ value: T) throws {
    guard isatty(STDOUT_FILENO) != 0 else {
        fflush(nil)  // whatever `print` buffered goes first
        if let writable = value as? any JSONWritable {
            // A report that writes itself: streamed out in pieces as it is written.
            return streamJSON { writable.writeJSON(to: &$0) }
        }
        // Into a pipe or file: one compact line, written by the fast encoder (same bytes as Foundation's).
        var bytes = try CompactJSONEncoder().encode(value)
        bytes.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(Data(bytes))
        return
    }
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Prints the elements of all `batches` as one JSON array, as `printJSON` prints an array; into a
/// pipe or file each batch is written out before the next is asked for, so a large answer is
/// never held whole (`flags --json`, client by client).
func printJSON<Batches: Sequence, Element: JSONWritable>(elementsOf batches: Batches) throws where Batches.Element == [Element] {
    guard isatty(STDOUT_FILENO) == 0 else { return try printJSON(Array(batches.joined())) }
    fflush(nil)  // whatever `print` buffered goes first
    streamJSON { $0.array(batches.joined()) }
}

/// One compact JSON line to standard output, handed on in pieces of about 1 MiB as `write` makes them.
private func streamJSON(_ write: (inout JSONWriter) -> Void) {
    var json = JSONWriter(sink: writeToStandardOutput)
    write(&json)
    json.raw(UInt8(ascii: "\n"))
    json.finish()
}

/// Writes all of `buffer` to standard output, past short writes and interrupted calls; stops
/// quietly when the reader has gone (a closed pipe), as `print` does.
private func writeToStandardOutput(_ buffer: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < buffer.count {
        let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
}
