extension CAMT053Reader {
    /// Whether a transaction carries remittance information of the payer: a `RmtInf/Ustrd` line
    /// that is not empty, or any `RmtInf/Strd` (structured, whatever it holds).
    static func hasRemittanceInformation(_ transaction: XMLElementNode, namespace: String) -> Bool {
        let name = { (local: String) in XMLName(namespace, local) }
        return transaction.all(name("RmtInf"), name("Ustrd")).contains { $0.value != nil }
            || !transaction.all(name("RmtInf"), name("Strd")).isEmpty
    }

    /// The bank's description of a transaction (`NtryDtls/TxDtls/AddtlTxInf`), taken only when the
    /// transaction carries no remittance information: some banks put the only description there
    /// (the OCA / ABN AMRO sample's `#RD PARTY MEDIA CUSNO 90782`). Beside `RmtInf` it is the
    /// bank's wording, not the payer's, and is left out so it never outweighs the payer's reference.
    static func transactionDescription(_ transaction: XMLElementNode, namespace: String) -> [String] {
        guard !hasRemittanceInformation(transaction, namespace: namespace) else { return [] }
        return transaction.children(XMLName(namespace, "AddtlTxInf")).compactMap(\.value)
    }

    /// The bank's description of a whole entry (`Ntry/AddtlNtryInf`; a Raiffeisen export says
    /// `Accredito …` there and nothing else), taken when the entry is booked as one payment and
    /// none of its transactions carries remittance information or a description of its own. The
    /// transactions of a split batch never take it: it describes the batch, not any one of them.
    static func entryDescription(_ entry: XMLElementNode, transactions: [XMLElementNode], namespace: String) -> [String] {
        guard !transactions.contains(where: { hasRemittanceInformation($0, namespace: namespace) }) else { return [] }
        return entry.children(XMLName(namespace, "AddtlNtryInf")).compactMap(\.value)
    }
}
