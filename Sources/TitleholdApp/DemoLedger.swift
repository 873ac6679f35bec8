import Foundation
import LedgerStore
import TitleholdCore

/// Builds the demo ledger from the files in `Resources/demo` — deliveries, UBL invoices and
/// credit notes, a camt.053 statement — through the same paths a user's own files take.
/// Running it again changes nothing (every step is idempotent).
public enum DemoLedger {
    public struct Summary: Sendable, Equatable {
        public var deliveries: Int
        public var outcomes: [ImportOutcome]
    }

    public static func build(into ledger: LedgerDatabase, from directory: URL) throws -> Summary {
        let context = ChangeContext(command: "demo")
        let deliveries = try readDeliveries(directory.appendingPathComponent("deliveries.tsv"))
        for delivery in deliveries { try ledger.deliver(delivery, context: context) }
        let invoices = try xmlFiles(in: directory.appendingPathComponent("invoices"))
        let statements = try xmlFiles(in: directory.appendingPathComponent("statements"))
        var outcomes = try ledger.importDocuments(try FileImport.invoices(paths: invoices), context: context)
        outcomes += try ledger.importPayments(try FileImport.statements(paths: statements), context: context)
        return Summary(deliveries: deliveries.count, outcomes: outcomes)
    }

    /// `client, agreement, serial, gtin, name, delivered_on`, tab-separated; `#` starts a comment.
    static func readDeliveries(_ url: URL) throws -> [Delivery] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [Delivery] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let day = Day(iso: f[5]) else {
                throw LedgerError("\(url.lastPathComponent):\(n + 1): expected 6 tab-separated fields ending in a YYYY-MM-DD date")
            }
            result.append(Delivery(client: f[0], agreement: f[1], serial: f[2], gtin: f[3].isEmpty ? nil : f[3],
                                   name: f[4].isEmpty ? nil : f[4], date: day))
        }
        return result
    }

    static func xmlFiles(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".xml") }.sorted().map { directory.appendingPathComponent($0).path }
    }
}
