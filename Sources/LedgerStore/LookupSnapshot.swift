import Foundation
import GRDB
import GRDBSQLite

/// The read transaction a look-up connection (`LookupConnections`) keeps from one look-up to the
/// next, for as long as nothing was committed to the ledger since it began (issue 6, Speed).
///
/// Why: a statement outside a transaction begins and ends a read transaction of its own — the WAL
/// read lock taken and given back with `fcntl`, the WAL-index header read and checked — which
/// was about 1.6 µs of the look-up's 6 µs in SQLite (`Benchmarks/ServerBenchmark`).
///
/// Correctness: a look-up never answers from before a commit that ended before it started.
/// Before each look-up the WAL-index header in shared memory — the two 48-byte copies at the
/// start of the `-shm` file, which every commit and every restart of the WAL rewrites
/// (https://www.sqlite.org/walformat.html, "The WAL-Index Header") — is compared with the copy
/// taken just before the transaction began; any difference ends the transaction and begins a
/// new one. The copy is taken before `BEGIN`, and a deferred `BEGIN` takes its snapshot at the
/// look-up's first step, so the snapshot is never older than the copy. The region is asked of
/// SQLite's own file object (`xShmMap`, without extending it) at each check, so it is the one the
/// connection uses. A ledger not in WAL mode has no such region: then nothing is kept and each
/// statement has its own transaction, as before.
///
/// What it holds back: a reader's snapshot keeps a checkpoint from copying later commits into the
/// database file and the WAL from starting over. So a snapshot is kept at most `maxAge`: the
/// next look-up after that begins a new one, and `LookupConnections` ends idle ones on a timer.
///
/// Used only with the slot's lock held (one caller at a time, like its connection).
final class LookupSnapshot {
    /// The two copies of the WAL-index header.
    static let headerSize = 96

    private let connection: OpaquePointer
    /// The connection's database file (SQLite's own object, alive as long as the connection) and
    /// its method that maps the WAL index.
    private let file: UnsafeMutablePointer<sqlite3_file>
    private let mapWALIndex: WALIndexMap
    private let begin: SQLiteStatement
    private let commit: SQLiteStatement
    private var header = [UInt8](repeating: 0, count: LookupSnapshot.headerSize)
    /// When the open transaction began (monotonic nanoseconds), or nil when none is open.
    private(set) var startedAt: UInt64?

    /// Nil when the connection has no WAL index (not in WAL mode) or a statement cannot be prepared.
    init?(connection: OpaquePointer) {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK, let file,
              let methods = file.pointee.pMethods, methods.pointee.iVersion >= 2, let map = methods.pointee.xShmMap,
              // Preparing the look-up read the schema, so a WAL ledger's index is mapped by now.
              Self.walIndex(file, map) != nil
        else { return nil }
        self.file = file
        self.mapWALIndex = map
        var begin: SQLiteStatement?, commit: SQLiteStatement?
        let persistent = UInt32(SQLITE_PREPARE_PERSISTENT)
        guard sqlite3_prepare_v3(connection, "BEGIN DEFERRED", -1, persistent, &begin, nil) == SQLITE_OK, let begin,
              sqlite3_prepare_v3(connection, "COMMIT", -1, persistent, &commit, nil) == SQLITE_OK, let commit else {
            sqlite3_finalize(begin); sqlite3_finalize(commit)
            return nil
        }
        self.connection = connection
        self.begin = begin
        self.commit = commit
    }

    deinit {
        end()
        sqlite3_finalize(begin)
        sqlite3_finalize(commit)
    }

    /// Before a look-up at `now`: keeps the open transaction when it is younger than `maxAge` and
    /// nothing was committed since it began; otherwise ends it and begins a new one.
    func renew(now: UInt64, maxAge: UInt64) {
        // Without the index (it cannot be asked for) nothing can be checked: nothing is kept.
        guard let index = Self.walIndex(file, mapWALIndex) else { return end() }
        if let startedAt, now &- startedAt < maxAge,
           header.withUnsafeBytes({ memcmp(index, $0.baseAddress!, Self.headerSize) }) == 0 {
            return
        }
        end()
        header.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: index, count: Self.headerSize)) }
        let code = sqlite3_step(begin)
        sqlite3_reset(begin)
        if code == SQLITE_DONE { startedAt = now }
    }

    /// Ends the open transaction, if one is open (`COMMIT`: nothing was written).
    func end() {
        guard startedAt != nil else { return }
        startedAt = nil
        sqlite3_step(commit)
        sqlite3_reset(commit)
        // A read transaction always commits; should it not, it is rolled back rather than kept.
        if sqlite3_get_autocommit(connection) == 0 { sqlite3_exec(connection, "ROLLBACK", nil, nil, nil) }
    }

    /// Ends the open transaction when it began `maxAge` or more before `now` (the idle timer).
    func end(ifOlderThan maxAge: UInt64, now: UInt64) {
        if let startedAt, now &- startedAt >= maxAge { end() }
    }

    typealias WALIndexMap = @convention(c) (UnsafeMutablePointer<sqlite3_file>?, Int32, Int32, Int32,
                                            UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32

    /// The start of the connection's WAL index in shared memory, as SQLite mapped it; nil when the
    /// ledger is not in WAL mode.
    private static func walIndex(_ file: UnsafeMutablePointer<sqlite3_file>, _ map: WALIndexMap) -> UnsafeRawPointer? {
        var region: UnsafeMutableRawPointer?
        // Region 0 of 32 KiB (the size SQLite maps), not extended: it exists once the WAL is open.
        guard map(file, 0, 32_768, 0, &region) == SQLITE_OK, let region else { return nil }
        return UnsafeRawPointer(region)
    }
}
