import Crypto
import Foundation
import GRDB
import TitleholdCore

/// The append-only event log: every change to the ledger appends one event in the same
/// transaction as the change, so the log is the audit trail a court or accountant can follow.
///
/// Each event carries the hash of the one before it and its own hash over its fields, so an
/// edited or deleted event breaks the chain at that point. (Cutting events off the end is only
/// visible against a head hash kept elsewhere: `audit verify` prints it for that purpose.)
public enum AuditLog {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// One event to append.
    public struct Entry: Sendable {
        public var action: String
        public var subject: String
        public var details: [String: String]
        public var fileName: String?
        public var fileSHA256: String?

        public init(action: String, subject: String, details: [String: String] = [:], fileName: String? = nil,
                    fileSHA256: String? = nil) {
            self.action = action; self.subject = subject; self.details = details
            self.fileName = fileName; self.fileSHA256 = fileSHA256
        }
    }

    /// Appends `entry` inside the caller's transaction.
    static func append(_ entry: Entry, context: ChangeContext, at instant: Date, in db: Database) throws {
        let prev = try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY seq DESC LIMIT 1") ?? genesisHash
        let seq = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'event'") ?? 0) + 1
        let recordedAt = isoInstant(instant)
        let details = canonicalJSON(entry.details)
        let fields = EventFields(seq: seq, recordedAt: recordedAt, command: context.command, actor: context.actor,
                                 action: entry.action, subject: entry.subject, details: details,
                                 fileName: entry.fileName, fileSHA256: entry.fileSHA256, prevHash: prev)
        try db.execute(
            sql: """
                INSERT INTO event (seq, recorded_at, command, actor, action, subject, details, file_name, file_sha256, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [seq, recordedAt, context.command, context.actor, entry.action, entry.subject, details,
                        entry.fileName, entry.fileSHA256, prev, fields.hash])
    }

    /// The outcome of checking the chain.
    public struct Verification: Sendable, Equatable {
        public var eventCount: Int
        public var headHash: String
        /// The first event that does not fit the chain, and why; `nil` when the chain is intact.
        public var firstBreak: (seq: Int64, problem: String)?

        public static func == (a: Verification, b: Verification) -> Bool {
            a.eventCount == b.eventCount && a.headHash == b.headHash && a.firstBreak?.seq == b.firstBreak?.seq
                && a.firstBreak?.problem == b.firstBreak?.problem
        }
    }

    static func verify(in db: Database) throws -> Verification {
        var prev = genesisHash
        var expectedSeq: Int64 = 1
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM event ORDER BY seq")
        while let row = try rows.next() {
            count += 1
            let fields = EventFields(row: row)
            if fields.seq != expectedSeq {
                return Verification(eventCount: count, headHash: prev, firstBreak: (
                    fields.seq, "event \(expectedSeq) is missing (the log jumps from \(expectedSeq - 1) to \(fields.seq))"))
            }
            if fields.prevHash != prev {
                return Verification(eventCount: count, headHash: prev, firstBreak: (
                    fields.seq, "event \(fields.seq) does not follow event \(fields.seq - 1): previous hash differs"))
            }
            let stored: String = row["hash"]
            if fields.hash != stored {
                return Verification(eventCount: count, headHash: prev, firstBreak: (
                    fields.seq, "event \(fields.seq) was changed after it was written: its hash does not match its content"))
            }
            prev = stored
            expectedSeq += 1
        }
        return Verification(eventCount: count, headHash: prev, firstBreak: nil)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC (ISO 8601), written by hand: a formatter per event
    /// was a fifth of the cost of recording a delivery.
    static func isoInstant(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, msOfDay) = millis.quotientAndRemainder(dividingBy: 86_400_000)
        let (d, ms) = msOfDay < 0 ? (days - 1, msOfDay + 86_400_000) : (days, msOfDay)
        func pad(_ v: Int64, _ w: Int) -> String {
            let t = String(v)
            return String(repeating: "0", count: max(0, w - t.count)) + t
        }
        let h = ms / 3_600_000, m = ms / 60_000 % 60, sec = ms / 1000 % 60, frac = ms % 1000
        return "\(Day(ordinal: Int(d)))T\(pad(h, 2)):\(pad(m, 2)):\(pad(sec, 2)).\(pad(frac, 3))Z"
    }

    /// JSON with sorted keys, so the same details always hash the same.
    static func canonicalJSON(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(details)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

/// The hashed fields of one event.
struct EventFields {
    var seq: Int64
    var recordedAt: String
    var command: String
    var actor: String?
    var action: String
    var subject: String
    var details: String
    var fileName: String?
    var fileSHA256: String?
    var prevHash: String

    init(seq: Int64, recordedAt: String, command: String, actor: String?, action: String, subject: String,
         details: String, fileName: String?, fileSHA256: String?, prevHash: String) {
        self.seq = seq; self.recordedAt = recordedAt; self.command = command; self.actor = actor
        self.action = action; self.subject = subject; self.details = details; self.fileName = fileName
        self.fileSHA256 = fileSHA256; self.prevHash = prevHash
    }

    init(row: Row) {
        self.init(seq: row["seq"], recordedAt: row["recorded_at"], command: row["command"], actor: row["actor"],
                  action: row["action"], subject: row["subject"], details: row["details"], fileName: row["file_name"],
                  fileSHA256: row["file_sha256"], prevHash: row["prev_hash"])
    }

    /// SHA-256 over the fields, each length-prefixed so no two field lists hash alike.
    var hash: String {
        let parts = [String(seq), recordedAt, command, actor ?? "\u{0}", action, subject, details,
                     fileName ?? "\u{0}", fileSHA256 ?? "\u{0}", prevHash]
        var text = ""
        for part in parts { text += "\(part.utf8.count):\(part);" }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension LedgerDatabase {
    /// Checks the event chain from the first event to the last.
    public func verifyAuditLog() throws -> AuditLog.Verification {
        try writer.read { db in try AuditLog.verify(in: db) }
    }

    /// Runs `body` in one write transaction; `record` appends events in the same transaction.
    /// Before the transaction commits, the stored ledger slices of the clients whose rows `body`
    /// changed are rebuilt (`ClientSlice`), so every committed state has them right.
    func change<T>(_ context: ChangeContext, _ body: (Database, _ record: (AuditLog.Entry) throws -> Void) throws -> T) throws -> T {
        let instant = now()
        return try writer.write { db in
            let result = try body(db) { entry in try AuditLog.append(entry, context: context, at: instant, in: db) }
            try ClientSlice.refreshDirty(in: db)
            return result
        }
    }
}

/// SHA-256 of file contents, lowercase hex.
public func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}
