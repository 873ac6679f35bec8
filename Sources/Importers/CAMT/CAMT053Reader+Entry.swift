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
        let isBatch = transactions.count > 1
        for (index, transaction) in (transactions.isEmpty ? [nil] : transactions.map(Optional.some)).enumerated() {
            var amount = entryAmount, credit = entryIsCredit
            if isBatch, let transaction {
                if let node = transaction.child(name("Amt")) ?? transaction.first(name("AmtDtls"), name("TxAmt"), name("Amt")) {
                    amount = try self.amount(node, "the amount of transaction \(index + 1) of a batch entry", context)
                }
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
            result.sourceLocation = (isBatch ? transaction : nil)?.location ?? entry.location
            entries.append(result)
        }
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
