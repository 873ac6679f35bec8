import Foundation
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
        let pool = try DatabasePool(path: path, configuration: config)
        return try LedgerDatabase(writer: pool, now: now, path: path)
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
        try Self.migrator.migrate(writer)
        // Opened after the migrations, so it sees the schema (and WAL mode) they leave.
        lookupConnections = try path.map { try LookupConnections(path: $0) }
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
