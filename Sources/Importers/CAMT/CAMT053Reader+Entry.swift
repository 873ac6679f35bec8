import TitleholdCore

extension CAMT053Reader {
    /// Appends the `StatementEntry` values of one `Ntry` (none when it is not booked).
    static func readEntry(_ entry: XMLElementNode, header: StatementHeader, namespace: String,
                          into entries: inout [StatementEntry], _ context: ImportContext) throws(ImportError) {
        let name = { (local: String) in XMLName(namespace, local) }
        guard let statusNode = entry.child(name("Sts")) else {
            throw context.error(entry, "the entry has no status (Sts); cannot tell whether it is booked")
        }
        guard let status = (statusNode.child(name("Cd")) ?? statusNode.child(name("Prtry")) ?? statusNode).value else {
            throw context.error(statusNode, "the entry's status (Sts) is empty; cannot tell whether it is booked")
        }
        guard status.uppercased() == "BOOK" else { return }

        guard let amountNode = entry.child(name("Amt")) else {
            throw context.error(entry, "the booked entry has no amount (Amt)")
        }
        let entryAmount = try amount(amountNode, "the entry amount (Amt)", context)
        let entryIsCredit = try isCredit(entry.child(name("CdtDbtInd")), in: entry, context)
        guard let booked = entry.child(name("BookgDt")), let bookedNode = booked.child(name("Dt")) ?? booked.child(name("DtTm")) else {
            throw context.error(entry, "the booked entry has no booking date (BookgDt/Dt or BookgDt/DtTm)")
        }
        let bookingDate = try context.day(bookedNode, "the booking date (BookgDt)")
        let valueNode = entry.child(name("ValDt")).flatMap { $0.child(name("Dt")) ?? $0.child(name("DtTm")) }
        let valueDate = try valueNode.map { node throws(ImportError) in try context.day(node, "the value date (ValDt)") }
        let reversal = entry.child(name("RvslInd"))?.value.map { $0 == "true" || $0 == "1" } ?? false
        let entryReference = entry.child(name("AcctSvcrRef"))?.value

        let transactions = entry.all(name("NtryDtls"), name("TxDtls"))
        let ownAmounts = transactions.map { transactionAmount($0, namespace: namespace) }
        // A batch is split only when every transaction states its own amount: `TxDtls/Amt` and
        // `AmtDtls` are optional, and giving each transaction the entry's amount would book the
        // money as many times as there are transactions.
        let isBatch = transactions.count > 1 && ownAmounts.allSatisfy { $0 != nil }
        var parts: [StatementEntry] = []
        for (index, transaction) in (transactions.isEmpty ? [nil] : transactions.map(Optional.some)).enumerated() {
            var amount = entryAmount, credit = entryIsCredit
            if isBatch, let transaction, let node = ownAmounts[index] {
                amount = try self.amount(node, "the amount of transaction \(index + 1) of a batch entry", context)
                if let direction = transaction.child(name("CdtDbtInd")) {
                    credit = try isCredit(direction, in: transaction, context)
                }
            }
            let endToEnd = transaction?.first(name("Refs"), name("EndToEndId"))?.value
            let party = transaction?.child(name("RltdPties"))
            var result = StatementEntry(
                accountIBAN: header.accountIBAN, statementID: header.statementID, isCredit: credit, isReversal: reversal,
                amount: amount, currency: "EUR", bookingDate: bookingDate, valueDate: valueDate,
                bankReference: transaction?.first(name("Refs"), name("AcctSvcrRef"))?.value ?? entryReference,
                endToEndID: endToEnd?.uppercased() == "NOTPROVIDED" ? nil : endToEnd,
                structuredReferences: transaction?.all(name("RmtInf"), name("Strd"), name("CdtrRefInf"), name("Ref")).compactMap(\.value) ?? [],
                unstructured: transaction?.all(name("RmtInf"), name("Ustrd")).compactMap(\.value) ?? [],
                debtorName: party.flatMap { $0.first(name("Dbtr"), name("Nm")) ?? $0.first(name("Dbtr"), name("Pty"), name("Nm")) }?.value,
                debtorIBAN: party?.first(name("DbtrAcct"), name("Id"), name("IBAN"))?.value,
                position: entries.count + 1)
            result.additionalInformation = transaction.map { transactionDescription($0, namespace: namespace) } ?? []
            result.sourceLocation = (isBatch ? transaction : nil)?.location ?? entry.location
            parts.append(result)
        }
        if isBatch {
            for var part in parts {
                part.position = entries.count + 1
                entries.append(part)
            }
        } else if var whole = parts.combined(bankReference: entryReference) {
            if whole.additionalInformation.isEmpty {
                whole.additionalInformation = entryDescription(entry, transactions: transactions, namespace: namespace)
            }
            entries.append(whole)
        }
    }

    /// The amount a transaction of an entry states for itself: `TxDtls/Amt` (camt.053.001.03 on),
    /// else `TxDtls/AmtDtls/TxAmt/Amt`; `nil` when it states none.
    static func transactionAmount(_ transaction: XMLElementNode, namespace: String) -> XMLElementNode? {
        let name = { (local: String) in XMLName(namespace, local) }
        return transaction.child(name("Amt")) ?? transaction.first(name("AmtDtls"), name("TxAmt"), name("Amt"))
    }

    /// `CdtDbtInd`: `CRDT` (money received) or `DBIT`; anything else is refused.
    static func isCredit(_ node: XMLElementNode?, in parent: XMLElementNode, _ context: ImportContext) throws(ImportError) -> Bool {
        switch node?.value {
        case "CRDT": return true
        case "DBIT": return false
        case nil: throw context.error(node ?? parent, "the credit/debit indicator (CdtDbtInd) is missing or empty")
        case let other?: throw context.error(node, "the credit/debit indicator (CdtDbtInd) is '\(other)'; expected CRDT or DBIT")
        }
    }

    /// An ISO 20022 amount: EUR, a plain decimal, never negative (the direction is `CdtDbtInd`).
    static func amount(_ node: XMLElementNode, _ what: String, _ context: ImportContext) throws(ImportError) -> Cents {
        guard let currency = node.attributes["Ccy"]?.trimmingXMLSpace, !currency.isEmpty else {
            throw context.error(node, "\(what) has no currency (Ccy)")
        }
        try context.requireEuro(currency, at: node, what)
        let cents = try context.cents(node, what)
        if cents.value < 0 {
            throw context.error(node, "\(what) is negative (\(cents.decimalString)); ISO 20022 amounts are positive, with CdtDbtInd for the direction")
        }
        return cents
    }
}

extension [StatementEntry] {
    /// The transactions of one entry that is not split (one `TxDtls`, or a batch whose
    /// transactions do not all state their own amount) as one `StatementEntry` with the entry's
    /// amount: every reference and remittance line of the transactions is kept, and a party or
    /// reference that differs between transactions is left out rather than picked.
    func combined(bankReference entryReference: String?) -> StatementEntry? {
        guard var whole = first else { return nil }
        guard count > 1 else { return whole }
        func shared(_ value: (StatementEntry) -> String?) -> String? {
            let values = Set(map(value))
            return values.count == 1 ? values.first ?? nil : nil
        }
        whole.bankReference = entryReference ?? shared(\.bankReference)
        whole.endToEndID = shared(\.endToEndID)
        whole.debtorName = shared(\.debtorName)
        whole.debtorIBAN = shared(\.debtorIBAN)
        whole.structuredReferences = flatMap(\.structuredReferences)
        whole.unstructured = flatMap(\.unstructured)
        whole.additionalInformation = flatMap(\.additionalInformation)
        return whole
    }
}
