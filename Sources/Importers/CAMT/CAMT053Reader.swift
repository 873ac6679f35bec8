import Foundation
import TitleholdCore

/// Reads an ISO 20022 camt.053 bank-to-customer statement file (version camt.053.001.02 or
/// later, as Dutch banks export it) into one `StatementEntry` per booked entry, or per
/// transaction of a booked batch entry.
///
/// - Every booked entry is returned, credits and debits alike, in file order (the caller picks
///   the credits it books as payments, art. 6:43-44 BW allocation happens there).
/// - Only booked entries (`Sts` = `BOOK`, or `Sts/Cd` = `BOOK` from .08 on) are returned; pending
///   (`PDNG`) and information-only (`INFO`) entries are skipped, as they may still change.
/// - A batch entry (several `TxDtls` under its `NtryDtls`) becomes one `StatementEntry` per
///   `TxDtls`, with that transaction's amount (`TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`) and
///   direction, when every transaction states its amount (both are optional in the schema). If
///   one does not, the entry stays one `StatementEntry` of the entry's amount that carries the
///   references and remittance lines of all its transactions, so no money is counted twice.
///   An entry with a single `TxDtls` keeps the entry's own `Amt` and `CdtDbtInd`: these are
///   what was booked (the genkgo .08 sample carries `TxDtls/Amt` SEK 0).
/// - Remittance text is the payer's `RmtInf/Ustrd`. A transaction without any `RmtInf` (neither
///   `Ustrd` nor `Strd`) takes the bank's description instead, `TxDtls/AddtlTxInf`, else, for an
///   entry booked as one payment, `Ntry/AddtlNtryInf` (`additionalInformation`): some banks put
///   the only description there. It never stands beside or over a reference the payer gave.
/// - Only euro amounts are taken (art. 13.1 of the terms); an entry in another currency refuses
///   the whole file, so no payment is silently left out. Balances are not read.
/// - `position` numbers the returned entries 1, 2, 3… in file order, so it is unique per file
///   even when a batch entry is split; `sourceLocation` says which `Ntry`/`TxDtls` it came from.
/// - A `BkToCstmrStmt` without any `Stmt` is refused (the schema requires one or more); a
///   `Stmt` without any `Ntry` is a day without movements and gives no entries.
/// - camt.054 (notifications) and camt.052 (intraday reports) are refused: they repeat or
///   precede what the statement books, and importing them too would count payments twice.
public enum CAMT053Reader {
    /// Reads `data` (the bytes of the file called `fileName`, used in messages).
    public static func read(_ data: Data, fileName: String) throws(ImportError) -> [StatementEntry] {
        let context = ImportContext(file: fileName)
        let root = try XMLDocumentLoader.load(data, file: fileName)
        let namespace = try statementNamespace(of: root, context)
        let name = { (local: String) in XMLName(namespace, local) }
        guard let message = root.child(name("BkToCstmrStmt")) else {
            throw context.error(root, "the document has no <BkToCstmrStmt> (bank-to-customer statement) element")
        }
        let statements = message.children(name("Stmt"))
        if statements.isEmpty {
            throw context.error(message, "the bank-to-customer statement (BkToCstmrStmt) holds no statement (Stmt); ISO 20022 "
                + "requires at least one, so the export is incomplete: export the statement again")
        }
        var entries: [StatementEntry] = []
        for statement in statements {
            let header = StatementHeader(
                accountIBAN: statement.first(name("Acct"), name("Id"), name("IBAN"))?.value,
                statementID: statement.child(name("Id"))?.value)
            for entry in statement.children(name("Ntry")) {
                try readEntry(entry, header: header, namespace: namespace, into: &entries, context)
            }
        }
        return entries
    }

    /// The camt.053 namespace of the root `Document`, refusing anything else with a message that
    /// names what was found.
    static func statementNamespace(of root: XMLElementNode, _ context: ImportContext) throws(ImportError) -> String {
        let prefix = "urn:iso:std:iso:20022:tech:xsd:"
        let found = root.namespace.isEmpty ? "no namespace" : "namespace \(root.namespace)"
        let expected = "expected an ISO 20022 camt.053 bank statement (<Document> in namespace \(prefix)camt.053.001.02 or later)"
        guard root.namespace.hasPrefix(prefix) else {
            throw context.error(root, "the root element is <\(root.qualifiedName)> (\(found)); \(expected)")
        }
        let message = root.namespace.dropFirst(prefix.count)
        if message.hasPrefix("camt.054.") {
            throw context.error(root, "this is a camt.054 debit/credit notification (\(found)), not a camt.053 statement; "
                + "import the bank's end-of-day statement (camt.053) instead, so no payment is counted twice")
        }
        if message.hasPrefix("camt.052.") {
            throw context.error(root, "this is a camt.052 intraday account report (\(found)), not a camt.053 statement; "
                + "import the bank's end-of-day statement (camt.053) instead, as intraday entries may still change")
        }
        guard message.hasPrefix("camt.053.001."), let version = Int(message.dropFirst("camt.053.001.".count)) else {
            throw context.error(root, "the root element is <\(root.qualifiedName)> (\(found)); \(expected)")
        }
        guard version >= 2 else {
            throw context.error(root, "camt.053.001.\(message.suffix(2)) is too old a version (\(found)); \(expected)")
        }
        guard root.name == "Document" else {
            throw context.error(root, "the root element is <\(root.qualifiedName)> (\(found)); \(expected)")
        }
        return root.namespace
    }
}

/// What every entry of one `Stmt` shares.
struct StatementHeader: Sendable {
    var accountIBAN: String?
    var statementID: String?
}
