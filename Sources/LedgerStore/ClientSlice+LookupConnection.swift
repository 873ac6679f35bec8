import Foundation
import GRDB
import GRDBSQLite
import TitleholdCore

/// Read-only connections kept open for `owned` look-ups only, each with the look-up statement
/// (`LookupSQL.itemAndSliceBySerial`) prepared once (issue 2, "Speed").
///
/// Why: through the pool a look-up paid for taking a reader, a statement-cache search by SQL
/// text and GRDB's row decoding — about as much as the statement itself. Here the statement is
/// bound, stepped and read column by column through the SQLite C API, on a connection opened
/// through the C API too (read-only, busy timeout, mmap as the store's own): GRDB's serial queue
/// around a connection cost a dispatch per look-up, and this connection is guarded by its own lock.
///
/// Correctness is that of the pool's `unsafeRead`: one statement reads one consistent state of
/// the WAL database, so the item and its client's stored slice always agree. Each connection keeps
/// its read transaction from one look-up to the next while nothing is committed
/// (`LookupSnapshot`): a write committed before the look-up starts is still seen, because any
/// commit ends the kept transaction before the next look-up reads. A kept transaction is at most
/// `snapshotAge` old; a timer ends idle ones, so checkpoints are held back no longer than that.
///
/// One caller per connection at a time, guarded by that connection's lock. There are as many
/// connections as the machine has cores (at least two), so the service's event-loop threads
/// each find one free (issue 6, Speed); only the first is opened with the ledger, the others on
/// first use, so a one-shot CLI opens one. A look-up that finds every connection busy uses the
/// pool instead of waiting.
final class LookupConnections: @unchecked Sendable {
    // @unchecked: `path` is immutable; each slot's state is touched only while its lock is held.
    private let path: String
    private let slots: [Slot]
    /// The longest a connection keeps one read transaction (`LookupSnapshot`), in nanoseconds.
    private let snapshotAge: UInt64
    /// Ends the transactions of connections idle for `snapshotAge`.
    private let idleTimer: DispatchSourceTimer

    init(path: String, count: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
         snapshotAge: Duration = .milliseconds(100)) throws {
        self.path = path
        let slots = (0..<max(1, count)).map { _ in Slot() }
        // The first is opened now, so a ledger that cannot be read fails when it is opened.
        _ = try slots[0].open(path)
        self.slots = slots
        self.snapshotAge = UInt64(snapshotAge.wholeNanoseconds)
        // Made and resumed after everything that can fail: a suspended timer must not be released.
        idleTimer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        let interval = DispatchTimeInterval.nanoseconds(Int(self.snapshotAge))
        idleTimer.schedule(deadline: .now() + interval, repeating: interval, leeway: .nanoseconds(Int(self.snapshotAge / 2)))
        idleTimer.setEventHandler { [weak self] in self?.endIdleSnapshots() }
        idleTimer.resume()
    }

    deinit {
        idleTimer.cancel()
    }

    /// `body` with a prepared look-up statement, or `nil` without running it when every
    /// connection is busy (or a connection opened on demand could not be opened).
    func withStatement<T>(_ body: (SQLiteStatement) throws -> T) throws -> T? {
        for slot in slots where slot.lock.try() {
            defer { slot.lock.unlock() }
            guard let statement = try? slot.open(path) else { return nil }
            slot.snapshot?.renew(now: Self.uptime(), maxAge: snapshotAge)
            do {
                return try body(statement)
            } catch {
                slot.snapshot?.end()
                throw error
            }
        }
        return nil
    }

    /// Ends the kept read transaction of each connection that is not in use and has kept it for
    /// `snapshotAge` (a connection in use renews its own).
    private func endIdleSnapshots() {
        let now = Self.uptime()
        for slot in slots where slot.lock.try() {
            defer { slot.lock.unlock() }
            slot.snapshot?.end(ifOlderThan: snapshotAge, now: now)
        }
    }

    /// Ends every connection's kept read transaction, waiting for a connection in use.
    func endSnapshots() {
        for slot in slots {
            slot.lock.lock()
            defer { slot.lock.unlock() }
            slot.snapshot?.end()
        }
    }

    /// Whether any connection keeps a read transaction now (for tests).
    var keepsASnapshot: Bool {
        slots.contains { slot in
            slot.lock.lock()
            defer { slot.lock.unlock() }
            return slot.snapshot?.startedAt != nil
        }
    }

    private static func uptime() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// One connection and its statement.
    private final class Slot {
        let lock = NSLock()
        private var connection: OpaquePointer?
        private var statement: SQLiteStatement?
        /// The read transaction kept between look-ups; nil until opened, or when the ledger is not in WAL mode.
        private(set) var snapshot: LookupSnapshot?

        deinit {
            // The transaction and statements first, so the connection closes at once.
            snapshot = nil
            sqlite3_finalize(statement)
            sqlite3_close_v2(connection)
        }

        /// The prepared statement, its connection opened on first use (with `lock` held, or from `init`).
        func open(_ path: String) throws -> SQLiteStatement {
            if let statement { return statement }
            var db: OpaquePointer?
            let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
                let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite3_close_v2(db)
                throw LedgerError("cannot open the ledger \(path) for look-ups: \(message)")
            }
            sqlite3_busy_timeout(db, 5_000)
            // As the store's own connections: the look-up touches a few scattered pages.
            sqlite3_exec(db, "PRAGMA mmap_size = 2147483648", nil, nil, nil)
            var prepared: SQLiteStatement?
            guard sqlite3_prepare_v3(db, LookupSQL.itemAndSliceBySerial, -1, UInt32(SQLITE_PREPARE_PERSISTENT),
                                     &prepared, nil) == SQLITE_OK, let prepared else {
                let message = String(cString: sqlite3_errmsg(db))
                sqlite3_close_v2(db)
                throw LedgerError("cannot prepare the look-up on \(path): \(message)")
            }
            connection = db
            statement = prepared
            snapshot = LookupSnapshot(connection: db)
            return prepared
        }
    }
}

/// What a look-up reads from a stored slice's header (`ClientSliceCodec.decodeForLookup`).
struct SliceNames {
    var clientKey: String
    var clientName: String?
    /// The reference of the item's agreement, when the slice lists it.
    var agreement: String?
}

/// A slice's names with the answer read from it (`items` empty): for tests.
struct SliceLookup {
    var names: SliceNames
    var answer: OwnershipLookup

    var clientKey: String { names.clientKey }
    var clientName: String? { names.clientName }
    var agreement: String? { names.agreement }
    var ledger: ClientLedger? { answer.ledger }
    var coverage: ClaimCoverage? { answer.coverage }
    var history: InvoiceHistory? { answer.history }
    var deliveries: DeliverySpans? { answer.deliveries }
    var serials: DeliverySerials? { answer.serials }
}

/// The serials of a client's deliveries, read from a copy of its slice's items section only when
/// a reason names one (`OwnershipRule.verdict(for:in:deliveries:serial:on:)`).
public struct DeliverySerials: Sendable {
    let itemsSection: [UInt8]
    let offsets: [Int]

    /// The serial of the delivery at `position` of the client's delivery spans (empty when the
    /// look-up was for a date on which no reason can name it).
    public func serial(at position: Int) -> String {
        guard offsets.indices.contains(position) else { return "" }
        return itemsSection.withUnsafeBytes { bytes in
            var r = SliceReader(bytes: bytes, offset: offsets[position])
            return r.item()?.serial ?? ""
        }
    }
}

/// What `owned` reads for one serial (`LedgerDatabase.ownershipLookup(serial:gtin:)`).
public struct OwnershipLookup: Sendable {
    /// The items carrying the serial (more than one only when different GTINs share it).
    public var items: [ItemRecord]
    /// When exactly one item matched, its client's ledger: in full, or — when `coverage` is set —
    /// with its invoices and that item only (its credit notes, payments and letters are in
    /// `history`, as much as the ownership rule reads of them).
    public var ledger: ClientLedger?
    /// The client's claim coverage (`ClaimCoverage`), when its items were not decoded.
    public var coverage: ClaimCoverage?
    /// The client's invoices' history (`InvoiceHistory`), set with `coverage`.
    public var history: InvoiceHistory?
    /// The client's deliveries as spans (`DeliverySpans`), set with `coverage` when the rule needs
    /// them for the item on the date asked about (`OwnershipRule.needsDeliverySpans`).
    public var deliveries: DeliverySpans?
    /// Their serials, for a reason that names one (set with `deliveries`).
    public var serials: DeliverySerials?

    public init(items: [ItemRecord], ledger: ClientLedger? = nil, coverage: ClaimCoverage? = nil, history: InvoiceHistory? = nil,
                deliveries: DeliverySpans? = nil, serials: DeliverySerials? = nil) {
        self.items = items; self.ledger = ledger; self.coverage = coverage; self.history = history
        self.deliveries = deliveries; self.serials = serials
    }
}

extension LedgerDatabase {
    /// Ends the read transactions the look-up connections keep between look-ups (`LookupSnapshot`;
    /// the idle timer ends them within about 200 ms of the last look-up). For a program that wants none
    /// held from now on: before a checkpoint that should not wait, or in a benchmark that times
    /// another connection's statements beside look-ups — a kept transaction's WAL read lock is
    /// shared within the process, and would spare that connection the cost of taking its own.
    public func endKeptReadTransactions() {
        lookupConnections?.endSnapshots()
    }

    /// The look-up of `serial` for `owned`: as `lookup(serial:gtin:)`, but when the item's client has
    /// no item events its other items are not decoded: the client's claim coverage and invoices'
    /// history are given instead, with the delivery spans and the other serials only when
    /// `OwnershipRule(scope: .client)` needs them for the item on `date` (always without a date) —
    /// what `OwnershipRule.verdict(for:in:coverage:history:deliveries:serial:on:)` reads. On a date
    /// the ledger holds only the invoices that verdict reads (`OwnershipRule.invoicesRead`).
    public func ownershipLookup(serial: String, gtin: String? = nil, on date: Day? = nil) throws -> OwnershipLookup {
        let normalised = Self.lookupSerial(serial)
        if let answer = try fastLookup(serial: normalised, gtin: gtin, spans: true, on: date) { return answer }
        let (items, ledger) = try lookup(serial: serial, gtin: gtin)
        return OwnershipLookup(items: items, ledger: ledger)
    }

    /// The look-up of `serial` (normalised) on a dedicated look-up connection: the same rows and values
    /// as `lookup(serial:gtin:rebuilding:in:)`, read through the C API from the item's row and its
    /// client's stored slice alone (`LookupSQL.itemAndSliceBySerial`; the client's key and name and
    /// the agreement's reference come from the slice's header). With `spans`, the ledger is given as
    /// `ownershipLookup` gives it. `nil` when the connection is busy or a matching item's slice is not
    /// stored (or is of an older format): the caller then uses the pool.
    func fastLookup(serial: String, gtin: String?, spans: Bool = false, on date: Day? = nil) throws -> OwnershipLookup? {
        guard let lookupConnections else { return nil }
        let answer: OwnershipLookup?? = try lookupConnections.withStatement { statement in
            // Most serials match one row: its answer is moved into `first` (`swap`: no copy), and a
            // list is made only for a second. The rows are read in a closure that returns what it
            // found, rather than filling variables it captures: those would be copied out.
            let (code, complete, matched, found, more) = serial.withCString { text in
                // SQLITE_STATIC (nil): the text outlives the steps, which end inside this closure.
                sqlite3_bind_text(statement, 1, text, -1, nil)
                defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
                var first = OwnershipLookup(items: [])
                var more: [OwnershipLookup] = []
                var complete = true, matched = 0
                var code = sqlite3_step(statement)
                while code == SQLITE_ROW {
                    let agreementID = sqlite3_column_int64(statement, 6)
                    var answer = OwnershipLookup(items: [])
                    if let blob = sqlite3_column_blob(statement, 7),
                       let names = ClientSliceCodec.decodeForLookup(
                           UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(statement, 7))), agreementID: agreementID,
                           spansFor: spans ? sqlite3_column_int64(statement, 0) : nil, on: date, into: &answer),
                       let agreement = names.agreement {
                        answer.items = [Self.itemRecord(statement, serial: serial, clientKey: names.clientKey,
                                                        clientName: names.clientName, agreement: agreement)]
                        if matched == 0 { swap(&first, &answer) } else { more.append(answer) }
                        matched += 1
                    } else {
                        complete = false
                    }
                    code = sqlite3_step(statement)
                }
                return (code, complete, matched, first, more)
            }
            guard code == SQLITE_DONE else { throw LedgerError("reading item '\(serial)' failed (SQLite code \(code))") }
            guard complete else { return nil }
            guard matched > 0, !more.isEmpty || gtin != nil else { return consume found }
            var rows = [found] + more
            if let gtin, let wanted = normaliseGTIN(gtin) { rows = rows.filter { $0.items[0].gtin == wanted } }
            guard rows.count == 1 else { return OwnershipLookup(items: rows.map { $0.items[0] }) }
            return rows[0]
        }
        return answer ?? nil
    }

    /// An `ItemRecord` from the current row of `LookupSQL.itemAndSliceBySerial` and its slice's header.
    /// `serial` is the one looked up: the row's equals it, so it is used instead of a new string.
    private static func itemRecord(_ statement: SQLiteStatement, serial: String, clientKey: String, clientName: String?,
                                   agreement: String) -> ItemRecord {
        func text(_ index: Int32) -> String? {
            guard let bytes = sqlite3_column_text(statement, index) else { return nil }
            let count = Int(sqlite3_column_bytes(statement, index))
            return String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        func integer(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }
        func day(_ index: Int32) -> Day? {
            guard let bytes = sqlite3_column_text(statement, index) else { return nil }
            return Day(isoUTF8: UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, index))))
        }
        let gtin = text(2) ?? ""
        var looked = serial
        let sameSerial = looked.withUTF8 { looked in
            guard let row = sqlite3_column_text(statement, 1), let bytes = looked.baseAddress else { return false }
            return Int(sqlite3_column_bytes(statement, 1)) == looked.count && memcmp(row, bytes, looked.count) == 0
        }
        return ItemRecord(id: integer(0), serial: sameSerial ? serial : (text(1) ?? ""), gtin: gtin.isEmpty ? nil : gtin, name: text(3),
                          deliveredOn: day(4) ?? Day(ordinal: 0), clientID: integer(5), clientKey: clientKey, clientName: clientName,
                          agreementID: integer(6), agreement: agreement)
    }
}
