import Foundation
import Importers
import LedgerStore
import TitleholdCore

/// Builds the synthetic ledger through the store's real write paths and times each of them.
///
/// Order (as a supplier's ledger fills): deliveries, then invoices (`importDocuments`, `batch`
/// documents per call, each call one transaction), then bank statements (`importPayments`,
/// `batch` entries per statement, one statement per call). Held back to the end, into the loaded
/// ledger: the last `tail` deliveries (through `deliver`, which relinks the client's items) and
/// the last invoice (one `importDocuments` call, which also re-matches payments without an invoice).
struct LedgerLoader {
    let plan: SyntheticLedger
    let options: BenchmarkOptions
    let context = ChangeContext(command: "benchmark")

    struct Figures {
        var deliveredViaAPI = 0
        var deliverSeconds = 0.0
        var deliverLatencies = Latencies()
        var bulkLoaded = 0
        var bulkSeconds = 0.0
        var invoices = 0
        var invoiceLines = 0
        var invoiceSeconds = 0.0
        var invoiceCalls = Latencies()
        var payments = 0
        var paymentSeconds = 0.0
        var paymentCalls = Latencies()
        var matched = 0
        var tailDeliveries = 0
        var tailSeconds = 0.0
        var tailLatencies = Latencies()
        var lastInvoiceSeconds = 0.0
    }

    var tail: Int { min(options.tailDeliveries, plan.items / 10) }

    func load(into ledger: LedgerDatabase, path: String) throws -> Figures {
        var figures = Figures()
        let mainDeliveries = 0..<(plan.items - tail)
        let viaAPI = options.bulkDeliveries ? mainDeliveries.prefix(options.deliverSample) : mainDeliveries
        try deliver(viaAPI, into: ledger, label: "deliveries (deliver)", count: &figures.deliveredViaAPI,
                    seconds: &figures.deliverSeconds, latencies: &figures.deliverLatencies)
        if viaAPI.upperBound < mainDeliveries.upperBound {
            let rest = viaAPI.upperBound..<mainDeliveries.upperBound
            // The bulk loader bypasses `change`: the triggers marked its clients, so rebuild their
            // stored slices now (timed with the load) rather than in the first import.
            let (_, seconds) = try timed {
                try BulkDeliveries(plan: plan).load(rest, path: path)
                try ledger.refreshClientSlices()
            }
            figures.bulkLoaded = rest.count
            figures.bulkSeconds = seconds
            progress("bulk-loaded \(grouped(rest.count)) deliveries in \(String(format1: seconds)) s")
        }
        try importInvoices(0..<(plan.invoices - 1), into: ledger, figures: &figures)
        try importPayments(into: ledger, figures: &figures)
        try deliver((plan.items - tail)..<plan.items, into: ledger, label: "tail deliveries (deliver, loaded ledger)",
                    count: &figures.tailDeliveries, seconds: &figures.tailSeconds, latencies: &figures.tailLatencies)
        let last = plan.document(ofInvoice: plan.invoices - 1)
        let (_, seconds) = try timed { try ledger.importDocuments([last], context: context) }
        figures.lastInvoiceSeconds = seconds
        progress("last invoice imported alone in \(String(format1: seconds * 1000)) ms")
        return figures
    }

    private func deliver(_ range: Range<Int>, into ledger: LedgerDatabase, label: String, count: inout Int,
                         seconds: inout Double, latencies: inout Latencies) throws {
        guard !range.isEmpty else { return }
        var reporter = ProgressReporter(label: label, total: range.count)
        let start = monotonicNanoseconds()
        for k in range {
            let delivery = plan.delivery(ofItem: k)
            let outcome = try latencies.measure { try ledger.deliver(delivery, context: context) }
            guard case .recorded = outcome else { throw BenchmarkError("item \(k) (\(delivery.serial)) was not recorded: \(outcome)") }
            count += 1
            reporter.advance(to: count, elapsed: Double(monotonicNanoseconds() - start) / 1e9)
        }
        seconds += Double(monotonicNanoseconds() - start) / 1e9
    }

    private func importInvoices(_ range: Range<Int>, into ledger: LedgerDatabase, figures: inout Figures) throws {
        var reporter = ProgressReporter(label: "invoices (importDocuments)", total: range.count)
        for first in stride(from: range.lowerBound, to: range.upperBound, by: options.batch) {
            let files = (first..<min(first + options.batch, range.upperBound)).map(plan.document(ofInvoice:))
            let outcomes = try figures.invoiceCalls.measure { try ledger.importDocuments(files, context: context) }
            guard outcomes.allSatisfy({ $0.status == .imported }) else {
                throw BenchmarkError("invoice batch from \(first) was not imported: \(outcomes.first { $0.status != .imported }?.summary ?? "")")
            }
            figures.invoices += files.count
            figures.invoiceLines += files.reduce(0) { $0 + $1.content.lines.count }
            figures.invoiceSeconds = Double(figures.invoiceCalls.nanoseconds.reduce(0, +)) / 1e9
            reporter.advance(to: figures.invoices, elapsed: figures.invoiceSeconds)
        }
    }

    private func importPayments(into ledger: LedgerDatabase, figures: inout Figures) throws {
        let plans = plan.paymentPlans()
        var reporter = ProgressReporter(label: "payments (importPayments)", total: plans.count)
        var number = 0
        for first in stride(from: 0, to: plans.count, by: options.batch) {
            number += 1
            let statement = plan.statement(plans[first..<min(first + options.batch, plans.count)], number: number)
            let outcomes = try figures.paymentCalls.measure { try ledger.importPayments([statement], context: context) }
            figures.payments += statement.content.count
            figures.paymentSeconds = Double(figures.paymentCalls.nanoseconds.reduce(0, +)) / 1e9
            // "N payment(s) received: M matched, U unmatched"
            if let summary = outcomes.first?.summary, let m = summary.split(separator: " ").dropFirst(3).first, let n = Int(m) {
                figures.matched += n
            }
            reporter.advance(to: figures.payments, elapsed: figures.paymentSeconds)
        }
    }
}

/// Prints progress to standard error about every 5% (the table goes to standard output).
struct ProgressReporter {
    let label: String
    let total: Int
    private var next = 0

    init(label: String, total: Int) {
        self.label = label; self.total = total
        next = max(1, total / 20)
    }

    mutating func advance(to done: Int, elapsed: Double) {
        guard done >= next || done == total else { return }
        next = done + max(1, total / 20)
        progress("\(label): \(grouped(done))/\(grouped(total)) in \(String(format1: elapsed)) s (\(formatRate(done, elapsed))/s)")
    }
}

func progress(_ line: String) {
    FileHandle.standardError.write(Data("[ledger-benchmark] \(line)\n".utf8))
}

/// An error of the benchmark itself (a write path refused the synthetic data, a binary is missing).
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
