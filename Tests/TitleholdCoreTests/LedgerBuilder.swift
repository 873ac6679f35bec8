@testable import TitleholdCore

/// Builds client ledgers for rule tests in a few words.
struct LedgerBuilder {
    var kind: ClientKind = .business
    var invoices: [ClientLedger.Invoice] = []
    var creditNotes: [ClientLedger.CreditNote] = []
    var payments: [ClientLedger.Payment] = []
    var items: [ClientLedger.DeliveredItem] = []

    init(kind: ClientKind = .business) { self.kind = kind }

    @discardableResult
    mutating func invoice(_ id: Int64, _ number: String, agreement: Int64? = 1, goods: Bool = true, issued: String,
                          due: String, cents: Int64) -> Int64 {
        invoices.append(.init(id: id, number: number, agreementID: agreement, isGoods: goods, issueDate: d(issued),
                              dueDate: d(due), payable: Cents(cents)))
        return id
    }

    mutating func credit(_ number: String, on date: String, cents: Int64, invoice: Int64?) {
        creditNotes.append(.init(number: number, issueDate: d(date), amount: Cents(cents), invoiceID: invoice))
    }

    mutating func pay(_ id: Int64, on date: String, cents: Int64, naming invoice: Int64? = nil) {
        payments.append(.init(id: id, bookingDate: d(date), amount: Cents(cents), invoiceID: invoice))
    }

    @discardableResult
    mutating func item(_ id: Int64, _ serial: String, agreement: Int64? = 1, delivered: String, invoices: [Int64],
                       events: [ItemEvent] = []) -> ClientLedger.DeliveredItem {
        let item = ClientLedger.DeliveredItem(id: id, serial: serial, agreementID: agreement, deliveredOn: d(delivered),
                                              invoiceIDs: InvoiceIDList(invoices), events: events)
        items.append(item)
        return item
    }

    var ledger: ClientLedger {
        ClientLedger(clientKind: kind, invoices: invoices, creditNotes: creditNotes, payments: payments, items: items)
    }

    func verdict(_ serial: String, on date: String, scope: OwnershipScope = .client) -> OwnershipVerdict {
        let item = items.first { $0.serial == serial }!
        return OwnershipRule(scope: scope).verdict(for: item, in: ledger, on: d(date))
    }
}

func d(_ text: String) -> Day { Day(iso: text)! }
