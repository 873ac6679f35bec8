import CSQLite
import LedgerStore

/// Look-ups through SQLite's C API on the same file: one statement prepared once, then per serial
/// bound, stepped, its columns read into Swift values, and reset. Nothing the store adds (the
/// ClientLedger decoded, the rule, the report) is in them.
/// - `ownedStatement`: the floor of issue 2 — the same look-up `owned` makes, its one statement.
/// - `itemAndClient`: the item by serial joined to its client only, the smallest indexed look-up.
final class CAPILookup {
    static let itemAndClientSQL = """
        SELECT item.id, item.serial, item.gtin, item.delivered_on, item.client_id, client.key, client.name
        FROM item JOIN client ON client.id = item.client_id WHERE item.serial = ?1
        """

    static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    private let db: OpaquePointer
    private let statement: OpaquePointer
    /// The column of the stored slice, for `owned`'s statement.
    private let blobColumn: Int32?

    /// `owned`'s own statement (`LookupSQL.itemAndSliceBySerial`: the item joined to its client's
    /// stored slice) on a connection configured like the store's look-up connections (read-only,
    /// no connection mutex, mmap), its columns read the same way and the slice's bytes touched,
    /// not decoded: what `owned` spends in SQLite.
    static func ownedStatement(path: String) throws -> CAPILookup {
        try CAPILookup(path: path, sql: LookupSQL.itemAndSliceBySerial, mmap: true, blobColumn: 7)
    }

    static func itemAndClient(path: String) throws -> CAPILookup {
        try CAPILookup(path: path, sql: itemAndClientSQL, mmap: false, blobColumn: nil)
    }

    private init(path: String, sql: String, mmap: Bool, blobColumn: Int32?) throws {
        var db: OpaquePointer?
        // Opened as the store opens its look-up connections: read-only, and without SQLite's
        // per-connection mutex (one caller at a time), which otherwise every column read takes.
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw BenchmarkError("sqlite3_open_v2(\(path)) failed")
        }
        if mmap { sqlite3_exec(db, "PRAGMA mmap_size = 2147483648", nil, nil, nil) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw BenchmarkError("prepare failed: \(message)")
        }
        self.db = db
        self.statement = statement
        self.blobColumn = blobColumn
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close_v2(db)
    }

    /// Looks `serial` up; the number of rows that make sense (1 for a known serial).
    func lookUp(_ serial: String) -> Int {
        var rows = 0
        serial.withCString { text in
            // SQLITE_STATIC (nil): the text outlives the step, which ends inside this closure.
            sqlite3_bind_text(statement, 1, text, -1, nil)
            while sqlite3_step(statement) == SQLITE_ROW {
                // Read every column into Swift values, as a caller would; count the rows that make sense.
                let id = sqlite3_column_int64(statement, 0)
                if let blobColumn {
                    // Every other column read into a Swift value; the slice's bytes summed (read,
                    // not decoded). `owned` reads its columns the same way.
                    var texts = 0
                    for index in 1..<blobColumn where sqlite3_column_type(statement, index) == SQLITE_TEXT {
                        texts += Self.column(statement, index).utf8.count
                    }
                    let count = Int(sqlite3_column_bytes(statement, blobColumn))
                    var sum = 0
                    if let bytes = sqlite3_column_blob(statement, blobColumn)?.assumingMemoryBound(to: UInt8.self) {
                        for offset in stride(from: 0, to: count, by: 64) { sum &+= Int(bytes[offset]) }
                    }
                    if id > 0, texts > 0, count > 0, sum >= 0 { rows += 1 }
                    continue
                }
                let serial = Self.column(statement, 1), day = Self.column(statement, 3)
                let client = sqlite3_column_int64(statement, 4)
                let key = Self.column(statement, 5)
                _ = (Self.column(statement, 2), Self.column(statement, 6))
                if id > 0, client > 0, !serial.isEmpty, day.count == 10, !key.isEmpty { rows += 1 }
            }
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        return rows
    }

    private static func column(_ statement: OpaquePointer, _ index: Int32) -> String {
        guard let text = sqlite3_column_text(statement, index) else { return "" }
        return String(cString: text)
    }
}
