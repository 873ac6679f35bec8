import GRDB
import TitleholdCore

/// An identifier of a client, with a normalised scheme so that the same KvK number found in a
/// `PartyLegalEntity`, a `PartyIdentification` or typed on the command line finds one client.
public struct ClientIdentifier: Sendable, Hashable {
    public enum Scheme: String, Sendable {
        /// Chamber of Commerce number (KvK, ISO 6523 ICD 0106).
        case kvk
        /// Dutch government organisation id (OIN, ICD 0190).
        case oin
        /// VAT number.
        case vat
        /// Peppol endpoint id, stored as `scheme:value`.
        case peppol
        /// The supplier's own debtor number.
        case debtor
        /// Another party id with its scheme, stored as `scheme:value`.
        case party
        /// A bank account the client paid from.
        case iban
    }

    public var scheme: Scheme
    public var value: String

    public init(scheme: Scheme, value: String) {
        self.scheme = scheme
        self.value = value.trimmingCharacters(in: .whitespaces)
    }

    /// Normalises an identifier as a UBL document states it (`schemeID` is an ISO 6523 ICD or a name).
    public static func fromDocument(scheme: String?, value: String) -> ClientIdentifier {
        let s = scheme?.uppercased().trimmingCharacters(in: .whitespaces) ?? ""
        switch s {
        case "0106", "KVK", "NL:KVK": return ClientIdentifier(scheme: .kvk, value: value)
        case "0190", "OIN", "NL:OIN": return ClientIdentifier(scheme: .oin, value: value)
        case "9944", "VAT", "NL:VAT": return ClientIdentifier(scheme: .vat, value: value.uppercased().replacingOccurrences(of: " ", with: ""))
        case "": return ClientIdentifier(scheme: .party, value: value)
        default: return ClientIdentifier(scheme: .party, value: "\(s):\(value)")
        }
    }
}

import Foundation

extension LedgerDatabase {
    /// Finds a client by its key or by any of its identifiers.
    static func findClient(_ handle: String, in db: Database) throws -> Int64? {
        let h = handle.trimmingCharacters(in: .whitespaces)
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM client WHERE key = ?", arguments: [h]) { return id }
        return try Int64.fetchOne(db, sql: "SELECT client_id FROM client_identifier WHERE value = ? ORDER BY scheme LIMIT 1",
                                  arguments: [h])
    }

    static func findClient(_ identifiers: [ClientIdentifier], in db: Database) throws -> Int64? {
        for identifier in identifiers {
            if let id = try Int64.fetchOne(
                db, sql: "SELECT client_id FROM client_identifier WHERE scheme = ? AND value = ?",
                arguments: [identifier.scheme.rawValue, identifier.value]) { return id }
        }
        return nil
    }

    /// Creates a client with `key`, recording its identifiers; returns its id.
    static func createClient(key: String, name: String?, kind: ClientKind, address: String?,
                             identifiers: [ClientIdentifier], in db: Database) throws -> Int64 {
        var key = key
        var n = 2
        while try Bool.fetchOne(db, sql: "SELECT 1 FROM client WHERE key = ?", arguments: [key]) == true {
            key = "\(key)-\(n)"; n += 1
        }
        try db.execute(sql: "INSERT INTO client (key, name, kind, address) VALUES (?, ?, ?, ?)",
                       arguments: [key, name, kind.rawValue, address])
        let id = db.lastInsertedRowID
        try addIdentifiers(identifiers, to: id, in: db)
        return id
    }

    /// Records identifiers the client did not have yet; one that belongs to another client is left alone.
    static func addIdentifiers(_ identifiers: [ClientIdentifier], to clientID: Int64, in db: Database) throws {
        for identifier in identifiers where !identifier.value.isEmpty {
            try db.execute(sql: "INSERT OR IGNORE INTO client_identifier (client_id, scheme, value) VALUES (?, ?, ?)",
                           arguments: [clientID, identifier.scheme.rawValue, identifier.value])
        }
    }

    /// The client for a command-line handle, created when unknown (an 8-digit handle is taken as a KvK number,
    /// anything else as the supplier's debtor number).
    static func clientForHandle(_ handle: String, in db: Database, record: (AuditLog.Entry) throws -> Void) throws -> Int64 {
        if let id = try findClient(handle, in: db) { return id }
        let h = handle.trimmingCharacters(in: .whitespaces)
        guard !h.isEmpty else { throw LedgerError("a client id is required") }
        let isKvK = h.count == 8 && h.allSatisfy(\.isNumber)
        let id = try createClient(key: h, name: nil, kind: .business, address: nil,
                                  identifiers: [ClientIdentifier(scheme: isKvK ? .kvk : .debtor, value: h)], in: db)
        try record(AuditLog.Entry(action: "client.created", subject: h,
                                  details: [isKvK ? "kvk" : "debtor": h]))
        return id
    }

    static func agreementFor(client: Int64, reference: String, in db: Database,
                             record: (AuditLog.Entry) throws -> Void) throws -> Int64 {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM agreement WHERE client_id = ? AND reference = ?",
                                       arguments: [client, ref]) { return id }
        try db.execute(sql: "INSERT INTO agreement (client_id, reference) VALUES (?, ?)", arguments: [client, ref])
        let id = db.lastInsertedRowID
        let key = try String.fetchOne(db, sql: "SELECT key FROM client WHERE id = ?", arguments: [client]) ?? ""
        try record(AuditLog.Entry(action: "agreement.created", subject: ref, details: ["client": key]))
        return id
    }

    /// Sets a client's kind (business or consumer).
    public func setClientKind(_ handle: String, kind: ClientKind, context: ChangeContext) throws {
        try change(context) { db, record in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            try db.execute(sql: "UPDATE client SET kind = ? WHERE id = ?", arguments: [kind.rawValue, id])
            try record(AuditLog.Entry(action: "client.kind", subject: handle, details: ["kind": kind.rawValue]))
        }
    }

    /// Overrides the inferred kind of an agreement (`titlehold agreements set-kind`).
    public func setAgreementKind(reference: String, client: String?, kind: AgreementKind, context: ChangeContext) throws {
        try change(context) { db, record in
            var sql = "SELECT id FROM agreement WHERE reference = ?"
            var args: StatementArguments = [reference]
            if let client {
                guard let cid = try Self.findClient(client, in: db) else { throw LedgerError("no client '\(client)' in the ledger") }
                sql += " AND client_id = ?"; args += [cid]
            }
            let ids = try Int64.fetchAll(db, sql: sql, arguments: args)
            guard !ids.isEmpty else { throw LedgerError("no agreement '\(reference)' in the ledger") }
            guard ids.count == 1 else {
                throw LedgerError("agreement '\(reference)' exists for \(ids.count) clients: name one with --client")
            }
            try db.execute(sql: "UPDATE agreement SET kind_override = ? WHERE id = ?", arguments: [kind.rawValue, ids[0]])
            try record(AuditLog.Entry(action: "agreement.kind", subject: reference, details: ["kind": kind.rawValue]))
        }
    }
}
