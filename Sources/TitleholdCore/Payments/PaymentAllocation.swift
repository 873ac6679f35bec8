/// Which invoice each payment paid, per art. 6:43–6:44 BW, as of a date.
///
/// - A payment that designates an invoice (its number or payment reference) pays that invoice
///   (art. 6:43(1) BW); what exceeds the invoice's open amount stays a credit of the client.
/// - A payment that designates none goes to the invoices that are due first, then the oldest
///   (art. 6:43(2) BW). All open invoices are treated as equally onerous: the ledger holds no
///   differing interest or security that would make one more onerous. What is left over
///   stays a credit.
/// - Within one invoice a payment goes to costs, then interest, then principal (art. 6:44 BW).
///   The ledger charges costs and interest only when a letter claims them; until then an
///   invoice's claim is its principal, so this allocation works on principal alone.
/// - Credit notes reduce the invoice they correct from their issue date; one that names no
///   known invoice is a credit of the client.
/// - Payments booked and credit notes issued after `date` do not count.
public struct PaymentAllocation: Sendable {
    /// The state of one invoice on the evaluation date.
    public struct Balance: Sendable, Hashable {
        public var invoiceID: Int64
        public var payable: Cents
        public var credited: Cents = .zero
        public var paid: Cents = .zero
        /// The day the open amount first reached zero (paid or credited in full), if it has.
        public var settledOn: Day?
        /// What settled it last: a payment or a credit note.
        public var settledBy: Settlement?

        public var outstanding: Cents { max(.zero, payable - credited - paid) }
    }

    public enum Settlement: Sendable, Hashable {
        case payment(id: Int64)
        case creditNote(number: String)
    }

    public private(set) var balances: [Int64: Balance]
    /// Overpayments, payments with nothing left to pay and credit notes naming no known invoice.
    public private(set) var unallocatedCredit: Cents
    /// For each payment, the amounts it paid per invoice.
    public private(set) var applied: [Int64: [(invoiceID: Int64, amount: Cents)]]

    /// Allocates every payment and credit note of `ledger` booked on or before `date`.
    public init(_ ledger: ClientLedger, asOf date: Day) {
        var balances: [Int64: Balance] = [:]
        for invoice in ledger.invoices where invoice.issueDate <= date {
            balances[invoice.id] = Balance(invoiceID: invoice.id, payable: invoice.payable)
        }
        let invoicesByID = Dictionary(ledger.invoices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var credit = Cents.zero
        var applied: [Int64: [(Int64, Cents)]] = [:]

        // One timeline of credit notes and payments; on the same day credit notes go first
        // (they reduce the debt itself), then payments in the order the bank booked them.
        enum Event { case credit(ClientLedger.CreditNote), payment(ClientLedger.Payment) }
        let credits = ledger.creditNotes.filter { $0.issueDate <= date }
            .sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
        let payments = ledger.payments.filter { $0.bookingDate <= date }
            .sorted { ($0.bookingDate, $0.id) < ($1.bookingDate, $1.id) }
        var events: [(Day, Int, Event)] = credits.map { ($0.issueDate, 0, .credit($0)) }
        events += payments.map { ($0.bookingDate, 1, .payment($0)) }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }

        for (day, _, event) in events {
            switch event {
            case .credit(let note):
                guard let id = note.invoiceID, var balance = balances[id] else {
                    credit = credit + note.amount
                    continue
                }
                let before = balance.outstanding
                balance.credited = balance.credited + note.amount
                // A credit note larger than what is open leaves the excess as a credit.
                if note.amount > before { credit = credit + (note.amount - before) }
                if balance.outstanding == .zero, balance.settledOn == nil {
                    balance.settledOn = day
                    balance.settledBy = .creditNote(number: note.number)
                }
                balances[id] = balance
            case .payment(let payment):
                var remaining = payment.amount
                var targets: [Int64]
                if let named = payment.invoiceID, balances[named] != nil {
                    targets = [named]
                } else {
                    targets = balances.values
                        .filter { $0.outstanding.isPositive }
                        .compactMap { invoicesByID[$0.invoiceID] }
                        .filter { $0.issueDate <= day }
                        .sorted { a, b in
                            let aDue = a.dueDate <= day, bDue = b.dueDate <= day
                            if aDue != bDue { return aDue }
                            return (a.dueDate, a.issueDate, a.number) < (b.dueDate, b.issueDate, b.number)
                        }
                        .map(\.id)
                }
                for id in targets where remaining.isPositive {
                    guard var balance = balances[id] else { continue }
                    let part = min(remaining, balance.outstanding)
                    guard part.isPositive else { continue }
                    balance.paid = balance.paid + part
                    remaining = remaining - part
                    applied[payment.id, default: []].append((id, part))
                    if balance.outstanding == .zero, balance.settledOn == nil {
                        balance.settledOn = day
                        balance.settledBy = .payment(id: payment.id)
                    }
                    balances[id] = balance
                }
                if remaining.isPositive { credit = credit + remaining }
            }
        }
        self.balances = balances
        self.unallocatedCredit = credit
        self.applied = applied
    }

    public func balance(of invoiceID: Int64) -> Balance? { balances[invoiceID] }
}
