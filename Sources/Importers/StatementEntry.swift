import TitleholdCore

/// One booked entry (`Ntry`, or one `NtryDtls/TxDtls` of a batch entry) of an ISO 20022
/// camt.053 bank-to-customer statement, any version from camt.053.001.02 on.
public struct StatementEntry: Sendable, Equatable {
    /// `Stmt/Acct/Id/IBAN` — the supplier's own account.
    public var accountIBAN: String?
    /// `Stmt/Id`.
    public var statementID: String?
    /// `CdtDbtInd`: true for CRDT (money received).
    public var isCredit: Bool
    /// `RvslInd` true: a reversal (storno) of an earlier entry.
    public var isReversal: Bool
    /// `Amt` in cents (always positive; see `isCredit`).
    public var amount: Cents
    /// `Amt/@Ccy`; the reader refuses anything but EUR (art. 13.1).
    public var currency: String
    /// `BookgDt/Dt` (or the date part of `BookgDt/DtTm`).
    public var bookingDate: Day
    /// `ValDt/Dt`.
    public var valueDate: Day?
    /// `AcctSvcrRef` of the transaction, else of the entry (the bank's unique reference), if any.
    public var bankReference: String?
    /// `Refs/EndToEndId` (ignoring the literal `NOTPROVIDED`).
    public var endToEndID: String?
    /// `RmtInf/Strd/CdtrRefInf/Ref` (e.g. an ISO 11649 RF creditor reference or a Dutch
    /// "betalingskenmerk").
    public var structuredReferences: [String]
    /// `RmtInf/Ustrd` lines.
    public var unstructured: [String]
    /// The bank's own description, for a transaction that carries no remittance information
    /// (neither `RmtInf/Ustrd` nor `RmtInf/Strd`): `NtryDtls/TxDtls/AddtlTxInf`, else, for an
    /// entry booked as one payment, `Ntry/AddtlNtryInf`. Empty for a transaction with `RmtInf`.
    public var additionalInformation: [String] = []
    /// The text a payment is matched on: the payer's `RmtInf/Ustrd` lines, and for transactions
    /// without any `RmtInf` the bank's description (`additionalInformation`) instead.
    public var remittanceText: [String] { unstructured + additionalInformation }
    /// `RltdPties/Dbtr/Nm` (or `Dbtr/Pty/Nm` from .08 on).
    public var debtorName: String?
    /// `RltdPties/DbtrAcct/Id/IBAN`.
    public var debtorIBAN: String?
    /// Position of the entry in the file (1-based), for messages and for a stable identity.
    public var position: Int
    /// Where the entry is in the file, `line 976, Document/BkToCstmrStmt/Stmt[19]/Ntry` (the
    /// `TxDtls` for one transaction of a batch entry), for messages; `nil` when not read from a file.
    public var sourceLocation: String? = nil

    public init(accountIBAN: String?, statementID: String?, isCredit: Bool, isReversal: Bool, amount: Cents,
                currency: String, bookingDate: Day, valueDate: Day?, bankReference: String?, endToEndID: String?,
                structuredReferences: [String], unstructured: [String], debtorName: String?, debtorIBAN: String?,
                position: Int) {
        self.accountIBAN = accountIBAN; self.statementID = statementID; self.isCredit = isCredit
        self.isReversal = isReversal; self.amount = amount; self.currency = currency
        self.bookingDate = bookingDate; self.valueDate = valueDate; self.bankReference = bankReference
        self.endToEndID = endToEndID; self.structuredReferences = structuredReferences
        self.unstructured = unstructured; self.debtorName = debtorName; self.debtorIBAN = debtorIBAN
        self.position = position
    }
}
