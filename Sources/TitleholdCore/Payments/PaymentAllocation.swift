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
        /// An invoice of EUR 0 (a replacement under warranty, a free item): nothing was ever owed,
        /// so it is settled on its issue date (art. 3:92(3) BW: the condition of payment is met).
        case nothingOwed
    }

    /// The balances of the invoices issued by the date, in ledger order. `owned` asks for a few
    /// of a dozen: a linear search beats building a dictionary per question.
    private var state: [Balance]
    /// Every part of a payment applied to an invoice, in the order they were applied (`InvoiceHistory` reads them).
    private(set) var parts: [(paymentID: Int64, invoiceID: Int64, amount: Cents)]

    /// The balance of every invoice issued by the date, by invoice id (built on each access).
    public var balances: [Int64: Balance] {
        var balances: [Int64: Balance] = [:]
        balances.reserveCapacity(state.count)
        for balance in state { balances[balance.invoiceID] = balance }
        return balances
    }

    /// Overpayments, payments with nothing left to pay and credit notes naming no known invoice.
    public private(set) var unallocatedCredit: Cents

    /// For each payment, the amounts it paid per invoice (built on each access).
    public var applied: [Int64: [(invoiceID: Int64, amount: Cents)]] {
        var applied: [Int64: [(invoiceID: Int64, amount: Cents)]] = [:]
        for part in parts { applied[part.paymentID, default: []].append((part.invoiceID, part.amount)) }
        return applied
    }

    /// Allocates every payment and credit note of `ledger` booked on or before `date`.
    ///
    /// `owned` runs this for every question, so it works on arrays by invoice position (a client
    /// has a dozen invoices: a linear search beats hashing) and keeps its results in arrays; the
    /// dictionaries are built only when asked for. Invoice ids are unique within a ledger (they
    /// are the store's keys).
    public init(_ ledger: ClientLedger, asOf date: Day) {
        // The invoices issued by `date`, by position: `issued[p]` is the position in
        // `ledger.invoices` of the invoice whose balance is `state[p]` (positions, not copies:
        // an invoice holds strings, and copying one costs reference counts).
        var issued: [Int] = []
        var state: [Balance] = []
        issued.reserveCapacity(ledger.invoices.count)
        state.reserveCapacity(ledger.invoices.count)
        for index in ledger.invoices.indices where ledger.invoices[index].issueDate <= date {
            issued.append(index)
            let payable = ledger.invoices[index].payable
            var balance = Balance(invoiceID: ledger.invoices[index].id, payable: payable)
            if !payable.isPositive {
                balance.settledOn = ledger.invoices[index].issueDate
                balance.settledBy = .nothingOwed
            }
            state.append(balance)
        }
        func position(of id: Int64) -> Int? { state.firstIndex { $0.invoiceID == id } }
        // Art. 6:43(2) BW: a payment naming no invoice goes to those due first, then the oldest.
        // Ordering by (due date, issue date, number) puts every invoice due on the payment day
        // before every one not yet due, so one order serves all payment days.
        let invoices = ledger.invoices
        let byDue = issued.indices.sorted { a, b in
            let x = issued[a], y = issued[b]
            if invoices[x].dueDate != invoices[y].dueDate { return invoices[x].dueDate < invoices[y].dueDate }
            if invoices[x].issueDate != invoices[y].issueDate { return invoices[x].issueDate < invoices[y].issueDate }
            return invoices[x].number < invoices[y].number
        }
        var credit = Cents.zero
        var applied: [(paymentID: Int64, invoiceID: Int64, amount: Cents)] = []
        applied.reserveCapacity(ledger.payments.count + 4)

        // One timeline of credit notes and payments; on the same day credit notes go first
        // (they reduce the debt itself), then payments in the order the bank booked them.
        let credits = ledger.creditNotes.isEmpty ? [] : ledger.creditNotes.filter { $0.issueDate <= date }
            .sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
        // The whole list when every payment is booked by `date` (the common case: no copy).
        var payments = ledger.payments.allSatisfy { $0.bookingDate <= date } ? ledger.payments
            : ledger.payments.filter { $0.bookingDate <= date }
        // The store lists payments mostly in this order already: a list in strictly ascending
        // order is what sorting would return, so only a list that is not is sorted.
        let inOrder = { (a: ClientLedger.Payment, b: ClientLedger.Payment) in (a.bookingDate, a.id) < (b.bookingDate, b.id) }
        if payments.indices.dropFirst().contains(where: { !inOrder(payments[$0 - 1], payments[$0]) }) {
            payments.sort(by: inOrder)
        }
        var nextCredit = 0, nextPayment = 0
        while nextCredit < credits.count || nextPayment < payments.count {
            if nextCredit < credits.count,
               nextPayment == payments.count || credits[nextCredit].issueDate <= payments[nextPayment].bookingDate {
                let note = credits[nextCredit]
                nextCredit += 1
                guard let id = note.invoiceID, let p = position(of: id) else {
                    credit = credit + note.amount
                    continue
                }
                let before = state[p].outstanding
                state[p].credited = state[p].credited + note.amount
                // A credit note larger than what is open leaves the excess as a credit.
                if note.amount > before { credit = credit + (note.amount - before) }
                if state[p].outstanding == .zero, state[p].settledOn == nil {
                    state[p].settledOn = note.issueDate
                    state[p].settledBy = .creditNote(number: note.number)
                }
                continue
            }
            let payment = payments[nextPayment]
            nextPayment += 1
            let day = payment.bookingDate
            var remaining = payment.amount
            func pay(_ p: Int) {
                let part = min(remaining, state[p].outstanding)
                guard part.isPositive else { return }
                state[p].paid = state[p].paid + part
                remaining = remaining - part
                applied.append((payment.id, state[p].invoiceID, part))
                if state[p].outstanding == .zero, state[p].settledOn == nil {
                    state[p].settledOn = day
                    state[p].settledBy = .payment(id: payment.id)
                }
            }
            if let named = payment.invoiceID, let p = position(of: named) {
                pay(p)
            } else if let named = payment.invoiceID, ledger.invoices.contains(where: { $0.id == named }) {
                // Art. 6:43(1) BW: the client named one of its invoices that is not issued by
                // `date` — a payment in advance for that invoice. It stays a credit until then
                // instead of paying older invoices, whose settling days (and so the day title
                // passed) would otherwise change once the named invoice is issued.
            } else {
                for p in byDue where remaining.isPositive && state[p].outstanding.isPositive
                    && ledger.invoices[issued[p]].issueDate <= day {
                    pay(p)
                }
            }
            if remaining.isPositive { credit = credit + remaining }
        }
        self.state = state
        self.unallocatedCredit = credit
        self.parts = applied
    }

    /// Balances only (`init(_:history:asOf:)`): no parts applied and no unallocated credit kept.
    init(balances: [Balance]) {
        state = balances
        parts = []
        unallocatedCredit = .zero
    }

    public func balance(of invoiceID: Int64) -> Balance? { state.first { $0.invoiceID == invoiceID } }

    /// Where `invoiceID`'s balance is kept (for `Claim`, which holds positions, not copies).
    func position(ofBalance invoiceID: Int64) -> Int? { state.firstIndex { $0.invoiceID == invoiceID } }

    /// The balance at a position `position(ofBalance:)` returned for this allocation.
    func balance(atPosition position: Int) -> Balance { state[position] }
}
