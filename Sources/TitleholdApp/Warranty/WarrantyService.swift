import Foundation
import LedgerStore
import TitleholdCore
import TitleholdResources

/// The warranty status of one delivered item (art. 18: the manufacturer's warranty only).
public struct WarrantyReport: Sendable, Encodable {
    public var serial: String
    public var gtin: String?
    public var name: String?
    public var client: String
    public var clientName: String?
    public var deliveredOn: Day
    public var at: Day
    public var status: WarrantyStatus
    /// Why the catalog row was chosen (model name, GTIN prefix, serial format), or the recorded warranty.
    public var matchedBy: String?

    /// Plain text for a person.
    public var text: String {
        var lines = ["\(serial)\(name.map { " (\($0))" } ?? "")  client \(client)\(clientName.map { " (\($0))" } ?? ""), delivered \(deliveredOn)"]
        lines.append("  warranty on \(at): \(status.state.rawValue.uppercased())")
        if let manufacturer = status.manufacturer { lines.append("  manufacturer: \(manufacturer)\(status.model.map { ", \($0)" } ?? "")") }
        if let start = status.start { lines.append("  from \(start) through \(status.end.map(\.description) ?? "lifetime")") }
        if let days = status.daysLeft { lines.append("  days left: \(days)") }
        if let route = status.claimRoute { lines.append("  claim: \(route)") }
        if let source = status.source { lines.append("  source: \(source)") }
        for reason in status.reasons { lines.append("  - \(reason.text) [art. \(reason.article)]") }
        return lines.joined(separator: "\n")
    }
}

/// Answers warranty questions from the catalog in `Resources/warranty/catalog.tsv` and the
/// warranties recorded per item (`titlehold warranty set`).
public struct WarrantyService: Sendable {
    public var catalog: WarrantyCatalog
    /// Days before the end in which a warranty counts as `expiring` ($TITLEHOLD_WARRANTY_WINDOW_DAYS, default 30).
    public var window: Int

    public init(catalog: WarrantyCatalog, window: Int) { self.catalog = catalog; self.window = window }

    public static func load(window: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WarrantyService {
        let url = ResourceLocator.url("warranty/catalog.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RuleBookError("cannot read the warranty catalog \(url.path); set TITLEHOLD_RESOURCES to the Resources folder")
        }
        let catalog: WarrantyCatalog
        do { catalog = try WarrantyCatalog(tsv: text) } catch { throw RuleBookError("\(url.path): \(error)") }
        var days = 30
        if let window { days = window } else if let text = environment["TITLEHOLD_WARRANTY_WINDOW_DAYS"], !text.isEmpty {
            guard let parsed = Int(text), parsed >= 0 else {
                throw RuleBookError("TITLEHOLD_WARRANTY_WINDOW_DAYS is '\(text)'; give a number of days")
            }
            days = parsed
        }
        return WarrantyService(catalog: catalog, window: days)
    }

    /// The report for the item carrying `serial`.
    public func report(serial: String, in ledger: LedgerDatabase, on date: Day) throws -> WarrantyReport {
        let items = try ledger.items(serial: serial)
        guard let item = items.first else { throw LedgerError("no item with serial '\(serial)' in the ledger") }
        guard items.count == 1 else { throw LedgerError("serial '\(serial)' is carried by \(items.count) items") }
        return report(item: item, override: try ledger.recordedWarranties()[item.id], on: date)
    }

    /// Reports for every item whose warranty ends within `days` from `date` (not yet expired).
    public func expiring(within days: Int, in ledger: LedgerDatabase, on date: Day) throws -> [WarrantyReport] {
        let overrides = try ledger.recordedWarranties()
        return try ledger.items(client: nil).compactMap { item in
            let r = report(item: item, override: overrides[item.id], on: date)
            guard let left = r.status.daysLeft, left >= 0, left <= days else { return nil }
            return r
        }.sorted { ($0.status.end ?? date, $0.serial) < ($1.status.end ?? date, $1.serial) }
    }

    /// The report for one item already read (the look-up page picks it among items sharing a serial).
    public func report(item: ItemRecord, override: WarrantyOverride?, on date: Day) -> WarrantyReport {
        let subject = WarrantyItem(serial: item.serial, gtin: item.gtin, name: item.name, deliveredOn: item.deliveredOn)
        let status = WarrantyRule.status(item: subject, catalog: catalog, override: override, on: date, expiringWithin: window)
        let match = override == nil ? catalog.match(gtin: item.gtin, serial: item.serial, name: item.name, manufacturer: nil) : nil
        return WarrantyReport(
            serial: item.serial, gtin: item.gtin, name: item.name, client: item.clientKey, clientName: item.clientName,
            deliveredOn: item.deliveredOn, at: date, status: status,
            matchedBy: override.map { "warranty recorded on \($0.recordedOn) (\($0.source))" } ?? match.map(\.description))
    }
}
