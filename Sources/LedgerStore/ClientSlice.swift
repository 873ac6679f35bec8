import Foundation
import GRDB
import TitleholdCore

/// A stored snapshot of each client's `ClientLedger`, so `owned` reads one row instead of
/// rebuilding the slice from five statements over ~140 rows (issue 2, "Speed": that rebuild was
/// three quarters of an `owned` look-up).
///
/// How it stays right:
/// - SQL triggers on every table the slice is built from (item, item_link, item_event, document,
///   document_line, payment, letter, agreement, client) put the clients a changed row can affect
///   into `client_slice_dirty`. Putting a client there deletes its snapshot at once (a trigger on
///   `client_slice_dirty`), so a snapshot that exists is never older than its rows — whoever wrote
///   them, even a tool writing the tables directly.
/// - At the end of every write transaction (`LedgerDatabase.change`) the dirty clients' slices
///   are rebuilt with the same code that builds them for a look-up and stored again.
/// - A look-up that finds no snapshot (or one of an older encoding) builds the slice from the rows,
///   as before: a missing snapshot is slower, never wrong.
///
/// The slice is only a cache of the rows: it holds no fact that is not in them, and the event log
/// does not record it.
enum ClientSlice {
    /// Tables and triggers of migration `v4-client-slices`.
    static let schema = """
        CREATE TABLE client_slice (client_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE client_slice_dirty (client_id INTEGER PRIMARY KEY);
        CREATE TRIGGER client_slice_dirty_insert AFTER INSERT ON client_slice_dirty BEGIN
            DELETE FROM client_slice WHERE client_id = NEW.client_id;
        END;
        \(itemTriggers)
        \(linkAndEventTriggers)
        \(documentTriggers)
        \(paymentLetterTriggers)
        \(agreementClientTriggers)
        """

    /// Marks one client (an expression that may be NULL, e.g. a row already gone: then nothing is
    /// marked; a NULL inserted into an INTEGER PRIMARY KEY would invent an id).
    private static func mark(_ clientID: String) -> String {
        "INSERT OR IGNORE INTO client_slice_dirty (client_id) SELECT c FROM (SELECT \(clientID) AS c) WHERE c IS NOT NULL;"
    }

    /// Clients with a document under `agreement`: the goods flag of such a document depends on
    /// whether the agreement has items and on the other documents under it (`LookupSQL.documentsOfClient`).
    private static func markAgreement(_ agreementID: String) -> String {
        "INSERT OR IGNORE INTO client_slice_dirty (client_id) SELECT client_id FROM document WHERE agreement_id = \(agreementID);"
    }

    private static let itemTriggers = """
        CREATE TRIGGER client_slice_item_insert AFTER INSERT ON item BEGIN
            \(mark("NEW.client_id")) \(markAgreement("NEW.agreement_id"))
        END;
        CREATE TRIGGER client_slice_item_update AFTER UPDATE ON item BEGIN
            \(mark("OLD.client_id")) \(mark("NEW.client_id"))
            \(markAgreement("OLD.agreement_id")) \(markAgreement("NEW.agreement_id"))
        END;
        CREATE TRIGGER client_slice_item_delete AFTER DELETE ON item BEGIN
            \(mark("OLD.client_id")) \(markAgreement("OLD.agreement_id"))
        END;
        """

    /// A link sets an item's invoice and value, and (for a document without agreement) its goods flag.
    private static let linkAndEventTriggers = """
        CREATE TRIGGER client_slice_link_insert AFTER INSERT ON item_link BEGIN
            \(mark("(SELECT client_id FROM item WHERE id = NEW.item_id)"))
            \(mark("(SELECT client_id FROM document WHERE id = NEW.document_id)"))
        END;
        CREATE TRIGGER client_slice_link_update AFTER UPDATE ON item_link BEGIN
            \(mark("(SELECT client_id FROM item WHERE id = OLD.item_id)"))
            \(mark("(SELECT client_id FROM document WHERE id = OLD.document_id)"))
            \(mark("(SELECT client_id FROM item WHERE id = NEW.item_id)"))
            \(mark("(SELECT client_id FROM document WHERE id = NEW.document_id)"))
        END;
        CREATE TRIGGER client_slice_link_delete AFTER DELETE ON item_link BEGIN
            \(mark("(SELECT client_id FROM item WHERE id = OLD.item_id)"))
            \(mark("(SELECT client_id FROM document WHERE id = OLD.document_id)"))
        END;
        CREATE TRIGGER client_slice_event_insert AFTER INSERT ON item_event BEGIN
            \(mark("(SELECT client_id FROM item WHERE id = NEW.item_id)"))
        END;
        CREATE TRIGGER client_slice_event_update AFTER UPDATE ON item_event BEGIN
            \(mark("(SELECT client_id FROM item WHERE id = OLD.item_id)"))
            \(mark("(SELECT client_id FROM item WHERE id = NEW.item_id)"))
        END;
        CREATE TRIGGER client_slice_event_delete AFTER DELETE ON item_event BEGIN
            \(mark("(SELECT client_id FROM item WHERE id = OLD.item_id)"))
        END;
        """

    /// A line's amount and units give the value of the items linked to it.
    private static let lineClients = "SELECT item.client_id FROM item_link JOIN item ON item.id = item_link.item_id WHERE item_link.line_id"

    private static let documentTriggers = """
        CREATE TRIGGER client_slice_document_insert AFTER INSERT ON document BEGIN
            \(mark("NEW.client_id")) \(markAgreement("NEW.agreement_id"))
        END;
        CREATE TRIGGER client_slice_document_update AFTER UPDATE ON document BEGIN
            \(mark("OLD.client_id")) \(mark("NEW.client_id"))
            \(markAgreement("OLD.agreement_id")) \(markAgreement("NEW.agreement_id"))
        END;
        CREATE TRIGGER client_slice_document_delete AFTER DELETE ON document BEGIN
            \(mark("OLD.client_id")) \(markAgreement("OLD.agreement_id"))
        END;
        CREATE TRIGGER client_slice_line_update AFTER UPDATE ON document_line BEGIN
            INSERT OR IGNORE INTO client_slice_dirty (client_id) \(lineClients) = OLD.id;
            INSERT OR IGNORE INTO client_slice_dirty (client_id) \(lineClients) = NEW.id;
        END;
        CREATE TRIGGER client_slice_line_delete AFTER DELETE ON document_line BEGIN
            INSERT OR IGNORE INTO client_slice_dirty (client_id) \(lineClients) = OLD.id;
        END;
        """

    /// Payments without a client (unmatched) are in no slice.
    private static let paymentLetterTriggers = """
        CREATE TRIGGER client_slice_payment_insert AFTER INSERT ON payment WHEN NEW.client_id IS NOT NULL BEGIN
            \(mark("NEW.client_id"))
        END;
        CREATE TRIGGER client_slice_payment_update AFTER UPDATE ON payment BEGIN
            \(mark("OLD.client_id")) \(mark("NEW.client_id"))
        END;
        CREATE TRIGGER client_slice_payment_delete AFTER DELETE ON payment WHEN OLD.client_id IS NOT NULL BEGIN
            \(mark("OLD.client_id"))
        END;
        CREATE TRIGGER client_slice_letter_insert AFTER INSERT ON letter BEGIN
            \(mark("NEW.client_id"))
        END;
        CREATE TRIGGER client_slice_letter_update AFTER UPDATE ON letter BEGIN
            \(mark("OLD.client_id")) \(mark("NEW.client_id"))
        END;
        CREATE TRIGGER client_slice_letter_delete AFTER DELETE ON letter BEGIN
            \(mark("OLD.client_id"))
        END;
        """

    /// An agreement's kind decides its documents' goods flag; a client's kind is in its slice.
    private static let agreementClientTriggers = """
        CREATE TRIGGER client_slice_agreement_update AFTER UPDATE ON agreement BEGIN
            \(markAgreement("OLD.id")) \(markAgreement("NEW.id"))
        END;
        CREATE TRIGGER client_slice_client_update AFTER UPDATE OF kind ON client BEGIN
            \(mark("NEW.id"))
        END;
        CREATE TRIGGER client_slice_client_delete AFTER DELETE ON client BEGIN
            \(mark("OLD.id"))
        END;
        """

    /// Triggers of migration `v7-slice-names`, replacing two of `v4-client-slices`: since format 2 a
    /// slice carries its client's key and name and the references of its items' agreements
    /// (`ClientSliceHeader`), so a change to any of these marks the client.
    static let namesTriggers = """
        DROP TRIGGER client_slice_client_update;
        CREATE TRIGGER client_slice_client_update AFTER UPDATE OF kind, key, name ON client BEGIN
            \(mark("NEW.id")) \(mark("OLD.id"))
        END;
        DROP TRIGGER client_slice_agreement_update;
        CREATE TRIGGER client_slice_agreement_update AFTER UPDATE ON agreement BEGIN
            \(markAgreement("OLD.id")) \(markAgreement("NEW.id"))
            INSERT OR IGNORE INTO client_slice_dirty (client_id) SELECT client_id FROM item WHERE agreement_id = OLD.id;
            INSERT OR IGNORE INTO client_slice_dirty (client_id) SELECT client_id FROM item WHERE agreement_id = NEW.id;
        END;
        """

    /// Rebuilds and stores the slice of every client marked dirty, then clears the marks. Called
    /// at the end of each write transaction, so a committed ledger has no dirty client.
    static func refreshDirty(in db: Database) throws {
        let dirty = try Int64.fetchAll(db.cachedStatement(sql: "SELECT client_id FROM client_slice_dirty"))
        guard !dirty.isEmpty else { return }
        for clientID in dirty { try store(clientID: clientID, in: db) }
        try db.execute(sql: "DELETE FROM client_slice_dirty")
    }

    /// Marks every client dirty and rebuilds all slices (the migration; after a bulk load).
    static func rebuildAll(in db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO client_slice_dirty (client_id) SELECT id FROM client")
        try refreshDirty(in: db)
    }

    private static func store(clientID: Int64, in db: Database) throws {
        guard let (kind, header) = try header(clientID: clientID, in: db) else {
            return  // the client is gone; its snapshot went with the dirty mark
        }
        let ledger = try LedgerDatabase.clientLedger(clientID: clientID, kind: kind, in: db)
        let bytes = ClientSliceCodec.encode(ledger, header: header)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO client_slice (client_id, data) VALUES (?, ?)")
            .execute(arguments: [clientID, bytes.withUnsafeBufferPointer { Data(buffer: $0) }])
    }
}

extension ClientSlice {
    /// The client's kind and its slice's header from the rows, or `nil` when the client is gone.
    static func header(clientID: Int64, in db: Database) throws -> (ClientKind, ClientSliceHeader)? {
        guard let client = try Row.fetchOne(db.cachedStatement(sql: "SELECT kind, key, name FROM client WHERE id = ?"),
                                            arguments: [clientID]) else { return nil }
        let agreements = try Row.fetchAll(db.cachedStatement(sql: LookupSQL.agreementsOfClientItems), arguments: [clientID])
            .map { (id: $0[0] as Int64, reference: $0[1] as String) }
        return (ClientKind(rawValue: client[0]) ?? .business,
                ClientSliceHeader(clientKey: client[1], clientName: client[2], agreements: agreements))
    }
}

extension LedgerDatabase {
    /// The header of the client's stored slice, and the one its rows give now (for tests).
    func clientSliceHeaders(clientID: Int64) throws -> (stored: ClientSliceHeader?, fresh: ClientSliceHeader?) {
        try writer.read { db in
            let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT data FROM client_slice WHERE client_id = ?"),
                                          arguments: [clientID])
                .flatMap { row in try row.withUnsafeData(atIndex: 0) { $0?.withUnsafeBytes(ClientSliceCodec.decodeHeader) } }
            return (stored, try ClientSlice.header(clientID: clientID, in: db)?.1)
        }
    }

    /// Rebuilds every client's stored ledger slice from the rows. The slices are kept right by the
    /// write paths; this is for tools that load rows directly (the benchmark's bulk loader) and
    /// would otherwise leave their clients to the slower rebuild-on-look-up until the next write.
    public func rebuildClientSlices() throws {
        try writer.write { db in try ClientSlice.rebuildAll(in: db) }
    }

    /// Rebuilds the stored slices of clients whose rows changed outside `change` (see `rebuildClientSlices`).
    public func refreshClientSlices() throws {
        try writer.write { db in try ClientSlice.refreshDirty(in: db) }
    }

    /// The client's ledger slice as stored, or `nil` when none is stored (for tests and tools).
    public func storedClientLedger(clientID: Int64) throws -> ClientLedger? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT data FROM client_slice WHERE client_id = ?"),
                                             arguments: [clientID]) else { return nil }
            return try row.withUnsafeData(atIndex: 0) { data in
                data.flatMap { $0.withUnsafeBytes(ClientSliceCodec.decode) }
            }
        }
    }

    /// Client ids whose slice is marked for rebuilding (empty after every committed `change`).
    public func dirtyClientSlices() throws -> [Int64] {
        try writer.read { db in try Int64.fetchAll(db, sql: "SELECT client_id FROM client_slice_dirty ORDER BY client_id") }
    }
}
