/// A claim that can keep an item retained, with the span during which it was open:
/// open from `openedOn` until `closedOn` (exclusive), or still open when `closedOn` is `nil`.
struct Claim: Sendable {
    var openedOn: Day
    var closedOn: Day?
    var openReason: OwnershipReason?
    var closingReason: OwnershipReason?
    /// The claim is the item's own price (its invoice, or its own delivery not invoiced yet).
    var isOwn: Bool

    func isOpen(on day: Day) -> Bool {
        openedOn <= day && (closedOn.map { day < $0 } ?? true)
    }

    /// An invoice in scope: open from its issue date until paid or credited in full, or barred.
    static func invoice(_ invoice: ClientLedger.Invoice, _ balance: PaymentAllocation.Balance, barredOn: Day?,
                        asOf date: Day, isOwn: Bool) -> Claim {
        let closedOn = [balance.settledOn, barredOn].compactMap { $0 }.min()
        let overdue = invoice.dueDate < date ? invoice.dueDate.days(until: date) : 0
        let whose = isOwn ? "invoice \(invoice.number) billing this item" : "goods invoice \(invoice.number) of the same client"
        let open = OwnershipReason(
            kind: .invoiceOpen, article: "10.1", invoiceNumber: invoice.number, outstanding: balance.outstanding,
            dueDate: invoice.dueDate, daysOverdue: overdue,
            text: "\(whose) has \(balance.outstanding) outstanding (due \(invoice.dueDate)"
                + (overdue > 0 ? ", \(overdue) days overdue)" : ")"))
        var closing: OwnershipReason?
        if let closedOn {
            if let barredOn, barredOn == closedOn {
                closing = OwnershipReason(
                    kind: .timeBarred, article: "3:92(3) BW", invoiceNumber: invoice.number,
                    outstanding: balance.outstanding, dueDate: invoice.dueDate, date: barredOn,
                    text: "the claim on invoice \(invoice.number) (due \(invoice.dueDate)) is time-barred since \(barredOn) (art. 3:307 BW; 7:28 BW for a consumer sale)")
            } else {
                let how: String
                switch balance.settledBy {
                case .creditNote(let number): how = "settled by credit note \(number)"
                default: how = "paid in full"
                }
                closing = OwnershipReason(
                    kind: .paidInFull, article: "3:92(3) BW", invoiceNumber: invoice.number, dueDate: invoice.dueDate,
                    date: closedOn, text: "invoice \(invoice.number) \(how) on \(closedOn)")
            }
        }
        return Claim(openedOn: invoice.issueDate, closedOn: closedOn, openReason: open, closingReason: closing, isOwn: isOwn)
    }

    /// A delivered item whose price is not invoiced yet: open from delivery until its first invoice.
    static func uninvoiced(_ item: ClientLedger.DeliveredItem, invoicedOn: Day?, isOwn: Bool) -> Claim {
        let text = isOwn
            ? "delivered on \(item.deliveredOn), not invoiced yet: its price is still owed"
            : "item \(item.serial) delivered on \(item.deliveredOn) to the same client is not invoiced yet"
        return Claim(openedOn: item.deliveredOn, closedOn: invoicedOn,
                     openReason: OwnershipReason(kind: .notInvoiced, article: "10.1", date: item.deliveredOn, text: text),
                     closingReason: nil, isOwn: isOwn)
    }
}
