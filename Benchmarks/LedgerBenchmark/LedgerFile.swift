import Foundation
import GRDB

/// The ledger file on disk: its size (after a WAL checkpoint, so the main file holds everything)
/// and how many rows each table has, to show the ledger is the size the run claims.
struct LedgerFile {
    var path: String
    var mainBytes: Int64 = 0
    var walBytes: Int64 = 0
    var rowCounts: [(String, Int)] = []

    static let tables = ["client", "client_identifier", "agreement", "item", "item_link", "document", "document_line",
                         "line_serial", "payment", "event", "client_slice"]

    static func remove(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    static func inspect(_ path: String) throws -> LedgerFile {
        var file = LedgerFile(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            for table in tables {
                file.rowCounts.append((table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0))
            }
        }
        try queue.close()
        file.mainBytes = size(path)
        file.walBytes = size(path + "-wal")
        return file
    }

    static let lineIndexSQL = "CREATE INDEX IF NOT EXISTS benchmark_item_link_line ON item_link(line_id)"

    /// Adds the index relinking needs and the store does not create (see `--add-line-index`).
    static func addLineIndex(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: lineIndexSQL) }
        try queue.close()
    }

    static func hasLineIndex(_ path: String) throws -> Bool {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE name = 'benchmark_item_link_line'") ?? false
        }
    }

    private static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    func count(_ table: String) -> Int { rowCounts.first { $0.0 == table }?.1 ?? 0 }
}
