import Foundation
import CSQLite
import GRDB
import TitleholdCore

/// The ledger on SQLite (GRDB over the system `libsqlite3`): deliveries, invoices, credit notes,
/// payments, client status and the event log. It owns the database connection, runs the
/// migrations on open, and keeps every invariant of a write inside one transaction: a failed
/// write leaves the ledger as it was.
public final class LedgerDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The clock used for event timestamps; injected so tests control it.
    let now: @Sendable () -> Date
    /// The database file (`nil` for an in-memory ledger): the service keeps letters beside it.
    public let path: String?
    /// Read-only connections kept for `owned` look-ups (`LookupConnections`); `nil` in memory.
    let lookupConnections: LookupConnections?
    /// Tokens and sessions checked in the last second (`CredentialCache`).
    let credentialCache = CredentialCache()

    /// Opens (creating when needed) the ledger at `path`, in WAL mode with foreign keys on.
    public static func open(path: String, now: @escaping @Sendable () -> Date = Date.init) throws -> LedgerDatabase {
        _ = sqliteSettings
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Read the file through memory mapping: the look-up touches ~60 scattered pages.
            try db.execute(sql: "PRAGMA mmap_size = 2147483648")
        }
        return try LedgerDatabase(writer: openPool(path: path, configuration: config), now: now, path: path)
    }

    /// SQLite's process-wide settings, made once, before the process's first connection: no
    /// memory statistics (`titlehold_sqlite3_disable_memory_statistics`), so that SQLite's
    /// allocations take no process-wide lock (issue 6, Speed: the service's event loops look items
    /// up side by side). Where SQLite was already in use (another library opened a connection
    /// first), it stays as it was.
    private static let sqliteSettings: Void = { _ = titlehold_sqlite3_disable_memory_statistics() }()

    /// The pool on `path`. Opening a new file switches it to WAL mode, and SQLite answers that
    /// switch with "database is locked" at once, without waiting, while another program is
    /// opening the same new file; so a busy answer is tried again for up to 5 s.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(20_000)
            }
        }
    }

    /// An in-memory ledger (tests, benchmarks).
    public static func inMemory(now: @escaping @Sendable () -> Date = Date.init) throws -> LedgerDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        return try LedgerDatabase(writer: DatabaseQueue(configuration: config), now: now)
    }

    init(writer: any DatabaseWriter, now: @escaping @Sendable () -> Date, path: String? = nil) throws {
        self.writer = writer
        self.now = now
        self.path = path
        try Self.migrate(writer)
        // Opened after the migrations, so it sees the schema (and WAL mode) they leave.
        lookupConnections = try path.map { try LookupConnections(path: $0) }
    }

    /// Applies the migrations not applied yet.
    ///
    /// Two programs may open the same new ledger at the same moment (the service starting while a
    /// command reads the file). GRDB reads which migrations are applied before it takes the write
    /// lock for each one, so the later of the two fails on what the other just created ("table
    /// already exists", "duplicate column"). Then it tries again, skipping what is applied by
    /// then, for as long as each failure finds more migrations applied than the one before; a
    /// failure that finds none applied meanwhile is its own and is thrown (an opening that fails
    /// on its own migration thus tries twice). Nothing is read before the first attempt, so an
    /// ordinary opening costs no more than before. Each migration runs in its own transaction,
    /// so a failed attempt leaves nothing half-applied.
    static func migrate(_ writer: any DatabaseWriter) throws {
        var applied: Set<String>?
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                let now = try writer.read { db in try migrator.appliedIdentifiers(db) }
                if let applied, !now.isStrictSuperset(of: applied) { throw error }
                applied = now
            }
        }
    }

    /// Names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }
}

/// Who is changing the ledger, recorded with every event.
public struct ChangeContext: Sendable {
    /// The command or endpoint that made the change (`import invoices`, `deliver`...).
    public var command: String
    /// The user or token, once the service has users.
    public var actor: String?

    public init(command: String, actor: String? = nil) {
        self.command = command; self.actor = actor
    }
}
