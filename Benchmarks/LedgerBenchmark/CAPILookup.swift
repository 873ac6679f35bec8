import CSQLite
import LedgerStore

/// Look-ups through SQLite's C API on the same file, one statement prepared once, bound, stepped,
/// its columns read into Swift values, and reset, per serial: nothing the store adds (the
/// ClientLedger decoded, the rule, the report) is in them.
/// - `measureOwnedStatement`: the floor of issue 2 — the same look-up `owned` makes, its one statement.
/// - `measure` with `sql`: the item by serial joined to its client only, the smallest indexed look-up.
struct CAPILookup {
    static let sql = """
        SELECT item.id, item.serial, item.gtin, item.delivered_on, item.client_id, client.key, client.name
        FROM item JOIN client ON client.id = item.client_id WHERE item.serial = ?1
        """

    var latencies = Latencies()
    var found = 0

    static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// `owned`'s own statement (`LookupSQL.itemAndSliceBySerial`: the item joined to its client's
    /// stored slice) on a connection configured like the store's look-up
    /// connections (mmap), its columns read the same way and the slice's bytes touched, not decoded:
    /// what `owned` spends in SQLite.
    static func measureOwnedStatement(path: String, serials: [String], warmUp: Int = 500) throws -> CAPILookup {
        try measure(path: path, serials: serials, warmUp: warmUp, sql: LookupSQL.itemAndSliceBySerial,
                    mmap: true, blobColumn: 8)
    }

    static func measure(path: String, serials: [String], warmUp: Int = 500, sql: String = CAPILookup.sql,
                        mmap: Bool = false, blobColumn: Int32? = nil) throws -> CAPILookup {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            throw BenchmarkError("sqlite3_open_v2(\(path)) failed")
        }
        defer { sqlite3_close_v2(db) }
        if mmap { sqlite3_exec(db, "PRAGMA mmap_size = 2147483648", nil, nil, nil) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else {
            throw BenchmarkError("prepare failed: \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(statement) }

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
                            texts += column(statement, index).utf8.count
                        }
                        let count = Int(sqlite3_column_bytes(statement, blobColumn))
                        var sum = 0
                        if let bytes = sqlite3_column_blob(statement, blobColumn)?.assumingMemoryBound(to: UInt8.self) {
                            for offset in stride(from: 0, to: count, by: 64) { sum &+= Int(bytes[offset]) }
                        }
                        if id > 0, texts > 0, count > 0, sum >= 0 { rows += 1 }
                        continue
                    }
                    let serial = column(statement, 1), day = column(statement, 3)
                    let client = sqlite3_column_int64(statement, 4)
                    let key = column(statement, 5)
                    _ = (column(statement, 2), column(statement, 6))
                    if id > 0, client > 0, !serial.isEmpty, day.count == 10, !key.isEmpty { rows += 1 }
                }
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
            }
            return rows
        }

        for serial in serials.prefix(warmUp) { _ = lookUp(serial) }
        var result = CAPILookup()
        result.latencies = Latencies(capacity: serials.count)
        for serial in serials {
            result.found += result.latencies.measure { lookUp(serial) }
        }
        return result
    }

    private static func column(_ statement: OpaquePointer, _ index: Int32) -> String {
        guard let text = sqlite3_column_text(statement, index) else { return "" }
        return String(cString: text)
    }
}
