/// A claim that can keep an item retained, with the span during which it was open:
/// open from `openedOn` until `closedOn` (exclusive), or still open when `closedOn` is `nil`.
///
/// The reasons are only put into words when asked for: a verdict prints a few of a client's
/// claims, and `owned` must stay fast.
struct Claim: Sendable {
    enum Source: Sendable {
        /// An invoice by its position in `ClientLedger.invoices` and its balance's position in the
        /// `PaymentAllocation` the claims were made with: positions, not copies, keep a claim small
        /// (a verdict makes one per invoice and item in scope, and moves them around).
        case invoice(index: Int, balance: Int, barredOn: Day?, asOf: Day)
        /// A delivery not invoiced yet: the item's position in `ClientLedger.items` and its
        /// delivery date. The position may be nil for the item's own claim (the item asked about
        /// need not be among the ledger's items), whose reason names no serial.
        /// Positions, not the serial: a claim then holds no reference, and copying one costs no
        /// reference counting (`flags` copies a client's claims into every item's list).
        case uninvoiced(item: Int?, deliveredOn: Day)
    }

    var openedOn: Day
    var closedOn: Day?
    /// The claim is the item's own price (its invoice, or its own delivery not invoiced yet).
    var isOwn: Bool
    var source: Source

    func isOpen(on day: Day) -> Bool {
        openedOn <= day && (closedOn.map { day < $0 } ?? true)
    }

    /// An invoice in scope: open from its issue date until paid or credited in full, or barred.
    static func invoice(issuedOn issueDate: Day, at index: Int, _ settledOn: Day?,
                        at balancePosition: Int, barredOn: Day?, asOf date: Day, isOwn: Bool) -> Claim {
        let closedOn: Day?
        switch (settledOn, barredOn) {
        case let (s?, b?): closedOn = min(s, b)
        case let (s?, nil): closedOn = s
        case let (nil, b?): closedOn = b
        case (nil, nil): closedOn = nil
        }
        return Claim(openedOn: issueDate, closedOn: closedOn, isOwn: isOwn,
                     source: .invoice(index: index, balance: balancePosition, barredOn: barredOn, asOf: date))
    }

    /// A delivered item whose price is not invoiced yet: open from delivery until its first invoice.
    static func uninvoiced(deliveredOn: Day, at position: Int?, invoicedOn: Day?, isOwn: Bool) -> Claim {
        Claim(openedOn: deliveredOn, closedOn: invoicedOn, isOwn: isOwn,
              source: .uninvoiced(item: position, deliveredOn: deliveredOn))
    }

    /// Why the claim keeps the item retained (art. 10.1); `ledger` and `allocation` are those the
    /// claim was made from.
    func openReason(in ledger: ClientLedger, _ allocation: PaymentAllocation) -> OwnershipReason {
        switch source {
        case let .invoice(index, balancePosition, _, date):
            // Fields read in place, and the text written in one piece (`TextBuilder`): `owned`
            // prints a reason or two per question, and a copy of the invoice and each string
            // piece cost as much.
            let number = ledger.invoices[index].number, dueDate = ledger.invoices[index].dueDate
            let outstanding = allocation.balance(atPosition: balancePosition).outstanding
            let overdue = dueDate < date ? dueDate.days(until: date) : 0
            let amount = outstanding.description, isOwn = isOwn
            let text = TextBuilder.string { text in
                text.append(isOwn ? "invoice " : "goods invoice ")
                text.append(number)
                text.append(isOwn ? " billing this item has " : " of the same client has ")
                text.append(amount)
                text.append(" outstanding (due ")
                text.append(dueDate)
                if overdue > 0 {
                    text.append(", "); text.append(overdue); text.append(" days overdue)")
                } else {
                    text.append(")")
                }
            }
            return OwnershipReason(
                kind: .invoiceOpen, article: "10.1", invoiceNumber: number, outstanding: outstanding,
                dueDate: dueDate, daysOverdue: overdue, text: text)
        case let .uninvoiced(position, _):
            return notInvoicedReason(serial: isOwn ? "" : position.map { ledger.items[$0].serial } ?? "")
        }
    }

    /// Why a delivery not invoiced yet keeps the item retained; `serial` names another item's
    /// delivery (unused for the item's own).
    func notInvoicedReason(serial: String) -> OwnershipReason {
        let delivered = openedOn, isOwn = isOwn
        let text = TextBuilder.string { text in
            if isOwn {
                text.append("delivered on "); text.append(delivered); text.append(", not invoiced yet: its price is still owed")
            } else {
                text.append("item "); text.append(serial); text.append(" delivered on "); text.append(delivered)
                text.append(" to the same client is not invoiced yet")
            }
        }
        return OwnershipReason(kind: .notInvoiced, article: "10.1", date: openedOn, text: text)
    }

    /// How the claim ended (art. 3:92(3) BW), if it did; an invoicing ends no claim by itself.
    func closingReason(in ledger: ClientLedger, _ allocation: PaymentAllocation) -> OwnershipReason? {
        guard let closedOn, case let .invoice(index, balancePosition, barredOn, _) = source else { return nil }
        let number = ledger.invoices[index].number, dueDate = ledger.invoices[index].dueDate
        let balance = allocation.balance(atPosition: balancePosition)
        if let barredOn, barredOn == closedOn {
            let text = TextBuilder.string { text in
                text.append("the claim on invoice "); text.append(number); text.append(" (due "); text.append(dueDate)
                text.append(") is time-barred since "); text.append(closedOn)
                text.append(" (art. 3:307 BW; 7:28 BW for a consumer sale)")
            }
            return OwnershipReason(
                kind: .timeBarred, article: "3:92(3) BW", invoiceNumber: number,
                outstanding: balance.outstanding, dueDate: dueDate, date: barredOn, text: text)
        }
        let text = TextBuilder.string { text in
            text.append("invoice "); text.append(number)
            switch balance.settledBy {
            case .creditNote(let note): text.append(" settled by credit note "); text.append(note)
            case .nothingOwed: text.append(" was for EUR 0.00: nothing was owed since it was issued")
            case .payment, nil: text.append(" paid in full")
            }
            text.append(" on "); text.append(closedOn)
        }
        return OwnershipReason(kind: .paidInFull, article: "3:92(3) BW", invoiceNumber: number,
                               dueDate: dueDate, date: closedOn, text: text)
    }
}
