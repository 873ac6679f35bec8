import GRDB

/// One event as recorded in the log: who (command, actor) did what (action, subject), and for an
/// import the file's name and SHA-256.
public struct LoggedEvent: Sendable, Equatable {
    public var seq: Int64
    public var command: String
    public var actor: String?
    public var action: String
    public var subject: String
    public var fileName: String?
    public var fileSHA256: String?
}

extension LedgerDatabase {
    /// The newest `count` events, oldest first: to show (and test) who did what through which door.
    public func lastEvents(_ count: Int) throws -> [LoggedEvent] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, command, actor, action, subject, file_name, file_sha256 FROM event ORDER BY seq DESC LIMIT ?
                """, arguments: [count]).reversed().map { row in
                LoggedEvent(seq: row["seq"], command: row["command"], actor: row["actor"], action: row["action"],
                            subject: row["subject"], fileName: row["file_name"], fileSHA256: row["file_sha256"])
            }
        }
    }
}
