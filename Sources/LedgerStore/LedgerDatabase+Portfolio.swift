import GRDB
import TitleholdCore

/// Everything the rules need about one client: who it is, its ledger slice, and its standing
/// (status history, tax notices). `dunning` and `flags` evaluate the rules over many of these.
public struct ClientFile: Sendable {
    public var id: Int64
    public var key: String
    public var name: String?
    public var address: String?
    public var ledger: ClientLedger
    public var standing: ClientStanding

    /// The client as printed: its key, and its name when known.
    public var label: String { name.map { "\(key) (\($0))" } ?? key }
}

extension LedgerDatabase {
    /// The files of the given clients (all clients when `ids` is nil), read in one read transaction.
    /// A few clients are read from their rows with the per-client statements; many from their
    /// stored slices (`ClientSlice`, kept current by every write), which is the same ledger read
    /// in one row per client. A client without a stored slice is read from its rows.
    public func clientFiles(ids: [Int64]? = nil) throws -> [ClientFile] {
        try writer.read { db in
            if let ids, ids.count <= 64 {
                return try ids.compactMap { id in
                    guard let row = try Row.fetchOne(db, sql: "SELECT id, key, name, kind, address FROM client WHERE id = ?",
                                                     arguments: [id]) else { return nil }
                    let kind = ClientKind(rawValue: row["kind"] as String) ?? .business
                    return ClientFile(id: id, key: row["key"], name: row["name"], address: row["address"],
                                      ledger: try Self.clientLedger(clientID: id, kind: kind, in: db),
                                      standing: try Self.standing(clientID: id, in: db))
                }
            }
            let wanted = ids.map(Set.init)
            let standings = try Self.standings(in: db)
            var files: [ClientFile] = []
            var unsliced: [Int] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT client.id, client.key, client.name, client.kind, client.address, client_slice.data
                FROM client LEFT JOIN client_slice ON client_slice.client_id = client.id ORDER BY client.id
                """)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if let wanted, !wanted.contains(id) { continue }
                let kind = ClientKind(rawValue: row[3] as String) ?? .business
                let stored = try row.withUnsafeData(atIndex: 5) { data in data.flatMap { $0.withUnsafeBytes(ClientSliceCodec.decode) } }
                if stored == nil { unsliced.append(files.count) }
                files.append(ClientFile(id: id, key: row[1], name: row[2], address: row[4],
                                        ledger: stored ?? ClientLedger(clientKind: kind, invoices: [], creditNotes: [], payments: [], items: []),
                                        standing: standings[id] ?? ClientStanding()))
            }
            for index in unsliced {
                files[index].ledger = try Self.clientLedger(clientID: files[index].id, kind: files[index].ledger.clientKind, in: db)
            }
            return files
        }
    }

    /// Every client's status history and tax notices, in two scans.
    static func standings(in db: Database) throws -> [Int64: ClientStanding] {
        var standings: [Int64: ClientStanding] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM client_status ORDER BY client_id, since, id") {
            standings[row["client_id"], default: ClientStanding()].statuses.append(LedgerDatabase.statusRecord(row))
        }
        for row in try Row.fetchAll(db, sql: "SELECT client_id, sent_on FROM tax_notice ORDER BY client_id, sent_on") {
            if let sent = Day(iso: row[1] as String) { standings[row[0], default: ClientStanding()].taxNotices.append(sent) }
        }
        return standings
    }

    /// Clients that can be in default or in difficulties on some day: those with a 2nd reminder or
    /// notice of default recorded, or with a status other than normal. Only they can have items
    /// eligible for repossession (art. 10.3), so `flags` reads only their files.
    public func clientsWithDefaultSignals() throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT client_id FROM letter WHERE kind IN ('reminder-2', 'notice-of-default')
                UNION SELECT client_id FROM client_status WHERE status <> 'normal'
                ORDER BY 1
                """)
        }
    }
}

/// What a person needs to find a delivered item on site: what it is and where it was delivered.
public struct ItemWhereabouts: Sendable, Hashable {
    public var serial: String
    public var gtin: String?
    public var name: String?
    /// The site: the delivery address recorded at delivery, else the invoice's delivery address,
    /// else the client's address (nil when none is known).
    public var address: String?
}

extension LedgerDatabase {
    /// The whereabouts of the given items, by item id.
    public func whereabouts(items ids: [Int64]) throws -> [Int64: ItemWhereabouts] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in
            var result: [Int64: ItemWhereabouts] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT item.id, item.serial, item.gtin, item.name,
                           COALESCE(NULLIF(item.address, ''), NULLIF(document.delivery_address, ''), NULLIF(client.address, ''))
                    FROM item JOIN client ON client.id = item.client_id
                    LEFT JOIN item_link ON item_link.item_id = item.id
                    LEFT JOIN document ON document.id = item_link.document_id
                    WHERE item.id IN (\(marks))
                    """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let gtin: String = row[2]
                    result[row[0]] = ItemWhereabouts(serial: row[1], gtin: gtin.isEmpty ? nil : gtin, name: row[3], address: row[4])
                }
            }
            return result
        }
    }
}
