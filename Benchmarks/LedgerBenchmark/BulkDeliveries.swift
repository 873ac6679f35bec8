import GRDB
import LedgerStore

/// Deliveries written straight into the store's tables with GRDB — "bulk-loaded, not via deliver".
///
/// Only used with `--bulk-deliveries`, when recording a million deliveries one `deliver`
/// transaction each would take too long. It writes what `deliver` writes for a new item of a
/// new or known client (client with its KvK identifier, agreement, item) in large transactions,
/// but no events (the audit log does not record these items) and no relinking: invoices are
/// imported afterwards and link the items then, so the resulting links are the same.
struct BulkDeliveries {
    let plan: SyntheticLedger
    var itemsPerTransaction = 20_000

    func load(_ range: Range<Int>, path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: config)
        var clients: [String: Int64] = try queue.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT key, id FROM client").map { ($0["key"], $0["id"]) },
                       uniquingKeysWith: { a, _ in a })
        }
        var agreements: [String: Int64] = try queue.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT reference, id FROM agreement").map { ($0["reference"], $0["id"]) },
                       uniquingKeysWith: { a, _ in a })
        }
        var reporter = ProgressReporter(label: "deliveries (bulk-loaded)", total: range.count)
        let start = monotonicNanoseconds()
        for first in stride(from: range.lowerBound, to: range.upperBound, by: itemsPerTransaction) {
            let chunk = first..<min(first + itemsPerTransaction, range.upperBound)
            try queue.write { db in
                let insertClient = try db.cachedStatement(sql: "INSERT INTO client (key, kind) VALUES (?, 'business')")
                let insertIdentifier = try db.cachedStatement(
                    sql: "INSERT INTO client_identifier (client_id, scheme, value) VALUES (?, 'kvk', ?)")
                let insertAgreement = try db.cachedStatement(sql: "INSERT INTO agreement (client_id, reference) VALUES (?, ?)")
                let insertItem = try db.cachedStatement(sql: """
                    INSERT INTO item (client_id, agreement_id, serial, gtin, name, raw_scan, delivered_on, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
                    """)
                for k in chunk {
                    let d = plan.delivery(ofItem: k)
                    let clientID: Int64
                    if let id = clients[d.client] { clientID = id } else {
                        try insertClient.execute(arguments: [d.client])
                        clientID = db.lastInsertedRowID
                        try insertIdentifier.execute(arguments: [clientID, d.client])
                        clients[d.client] = clientID
                    }
                    let agreementID: Int64
                    if let id = agreements[d.agreement] { agreementID = id } else {
                        try insertAgreement.execute(arguments: [clientID, d.agreement])
                        agreementID = db.lastInsertedRowID
                        agreements[d.agreement] = agreementID
                    }
                    try insertItem.execute(arguments: [clientID, agreementID, d.serial, d.gtin ?? "", d.name, d.rawScan,
                                                       d.date.description])
                }
            }
            reporter.advance(to: chunk.upperBound - range.lowerBound, elapsed: Double(monotonicNanoseconds() - start) / 1e9)
        }
    }
}
