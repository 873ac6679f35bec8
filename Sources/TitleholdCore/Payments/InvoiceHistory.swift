/// Each invoice of a client with the credit notes and payment parts that ever reduced it, as the
/// allocation of art. 6:43–6:44 BW applies them (`PaymentAllocation`), and the day it was settled.
/// Worked out when the ledger is written and stored with the client's slice, so that one item's
/// question finds the balances on its date by adding, without allocating every payment again
/// (issue 2, Speed).
///
/// Why the balances on any date follow from it: the allocation applies credit notes and payments
/// in date order, each to invoices issued by its own date, so what it has applied by a date does
/// not depend on anything dated later. On a date, an invoice issued by then owes its payable less
/// the credits and parts dated on or before it, and it is settled when its settling day over all
/// time is on or before it. (A payment naming an invoice issued later waits as a credit until that
/// invoice is issued and then pays it on its own booking day; an invoice not issued by a date has
/// no balance on it.) `InvoiceHistoryTests` compares the two on random ledgers.
public struct InvoiceHistory: Sendable, Equatable {
    /// One invoice, in the order of `ClientLedger.invoices`.
    public struct Entry: Sendable, Equatable {
        public var invoiceID: Int64
        /// The first day its price claim is barred (art. 3:307 / 7:28 BW, interrupted by the
        /// ledger's written demands, 3:317 BW): it depends on no date asked about.
        public var barredFrom: Day
        public var settledOn: Day?
        public var settledBy: PaymentAllocation.Settlement?
        /// Its credits and payment parts: a range of `InvoiceHistory.reductions`.
        public var reductions: Range<Int>

        public init(invoiceID: Int64, barredFrom: Day, settledOn: Day?, settledBy: PaymentAllocation.Settlement?,
                    reductions: Range<Int>) {
            self.invoiceID = invoiceID; self.barredFrom = barredFrom; self.settledOn = settledOn; self.settledBy = settledBy
            self.reductions = reductions
        }
    }

    /// A credit note's amount or a payment's part, on its day (a credit note's issue day, a
    /// payment's booking day).
    public struct Reduction: Sendable, Equatable {
        public var day: Day
        public var credited: Cents
        public var paid: Cents

        public init(day: Day, credited: Cents, paid: Cents) {
            self.day = day; self.credited = credited; self.paid = paid
        }
    }

    public var entries: [Entry]
    /// Every invoice's reductions, one invoice after the other (one array, not one per invoice).
    public var reductions: [Reduction]

    public init(entries: [Entry], reductions: [Reduction]) {
        self.entries = entries; self.reductions = reductions
    }

    /// The history of `ledger`'s invoices: its allocation over all time.
    public init(_ ledger: ClientLedger) {
        // Every credit note and payment counts: the allocation on a day later than any the ledger can hold.
        let allocation = PaymentAllocation(ledger, asOf: Day(ordinal: Int(Int32.max)))
        let paymentDays = Dictionary(ledger.payments.map { ($0.id, $0.bookingDate) }, uniquingKeysWith: min)
        var partsByInvoice: [Int64: [Reduction]] = [:]
        for part in allocation.parts {
            guard let day = paymentDays[part.paymentID] else { continue }
            partsByInvoice[part.invoiceID, default: []].append(Reduction(day: day, credited: .zero, paid: part.amount))
        }
        var entries: [Entry] = []
        var reductions: [Reduction] = []
        let rule = OwnershipRule()
        for (index, invoice) in ledger.invoices.enumerated() {
            let start = reductions.count
            for note in ledger.creditNotes where note.invoiceID == invoice.id {
                reductions.append(Reduction(day: note.issueDate, credited: note.amount, paid: .zero))
            }
            reductions.append(contentsOf: partsByInvoice[invoice.id] ?? [])
            let balance = allocation.balance(of: invoice.id)
            entries.append(Entry(invoiceID: invoice.id, barredFrom: rule.barredFrom(invoiceAt: index, in: ledger),
                                 settledOn: balance?.settledOn, settledBy: balance?.settledBy, reductions: start..<reductions.count))
        }
        self.init(entries: entries, reductions: reductions)
    }
}

extension PaymentAllocation {
    /// The allocation of `ledger` on `date` from its history (`InvoiceHistory`, of the same
    /// ledger): the same balances as `init(_:asOf:)`. It keeps the balances only — no applied
    /// parts and no unallocated credit — which is all the ownership rule reads.
    init(_ ledger: ClientLedger, history: InvoiceHistory, asOf date: Day) {
        var state: [Balance] = []
        state.reserveCapacity(ledger.invoices.count)
        for index in ledger.invoices.indices where ledger.invoices[index].issueDate <= date {
            let entry = history.entries[index]
            var balance = Balance(invoiceID: entry.invoiceID, payable: ledger.invoices[index].payable)
            for reduction in history.reductions[entry.reductions] where reduction.day <= date {
                balance.credited = balance.credited + reduction.credited
                balance.paid = balance.paid + reduction.paid
            }
            if let settled = entry.settledOn, settled <= date {
                balance.settledOn = settled
                balance.settledBy = entry.settledBy
            }
            state.append(balance)
        }
        self.init(balances: state)
    }
}
