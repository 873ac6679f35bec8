import LedgerStore
import TitleholdCore

/// Runs the dunning timeline (art. 13.4) over the ledger: every open invoice of every client,
/// with its step, next step, interest and costs on a day. Pure rules on data read in one read
/// transaction; nothing is written here.
public struct DunningService: Sendable {
    public var rules: RuleBook

    public init(rules: RuleBook) { self.rules = rules }

    /// Every invoice issued on or before `date` with principal still open on it, client by client.
    public func openInvoices(in files: [ClientFile], on date: Day) throws -> [InvoiceDunning] {
        var result: [InvoiceDunning] = []
        for file in files where !file.ledger.invoices.isEmpty {
            result += try evaluate(file, on: date)
        }
        return result
    }

    /// The open invoices of one client on `date`.
    public func evaluate(_ file: ClientFile, on date: Day, includePaid: Bool = false) throws -> [InvoiceDunning] {
        let allocation = PaymentAllocation(file.ledger, asOf: date)
        let reductions = Self.reductions(allocation, in: file.ledger, through: date)
        var result: [InvoiceDunning] = []
        for invoice in file.ledger.invoices.sorted(by: { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }) {
            guard let balance = allocation.balance(of: invoice.id) else { continue }
            guard includePaid || balance.outstanding > .zero else { continue }
            let kind = file.ledger.clientKind
            let status = DunningTimeline.evaluate(
                DunningCase(dueDate: invoice.dueDate, clientKind: kind, isSaleOfGoods: invoice.isGoods,
                            openAmount: balance.outstanding, letters: file.ledger.letters[invoice.id] ?? []),
                today: date, calendar: rules.statutoryCalendar, settings: rules.dunning)
            let statement = try interest(on: invoice, reducedBy: reductions[invoice.id] ?? [], kind: kind, through: date)
            result.append(InvoiceDunning(invoice: invoice, clientID: file.id, clientKey: file.key, clientName: file.name,
                                         clientKind: kind, open: balance.outstanding, status: status, interest: statement))
        }
        return result
    }

    /// What reduced each invoice, by invoice id, with its date: the parts of payments allocated to
    /// it (art. 6:43 BW) and its credit notes issued by `date`. Built once per client.
    static func reductions(_ allocation: PaymentAllocation, in ledger: ClientLedger, through date: Day)
        -> [Int64: [InterestCalculator.Payment]]
    {
        let paymentDays = Dictionary(ledger.payments.map { ($0.id, $0.bookingDate) }, uniquingKeysWith: { a, _ in a })
        var reductions: [Int64: [InterestCalculator.Payment]] = [:]
        for (paymentID, parts) in allocation.applied {
            guard let day = paymentDays[paymentID] else { continue }
            for part in parts { reductions[part.invoiceID, default: []].append(InterestCalculator.Payment(date: day, amount: part.amount)) }
        }
        for credit in ledger.creditNotes where credit.issueDate <= date {
            guard let invoice = credit.invoiceID else { continue }
            reductions[invoice, default: []].append(InterestCalculator.Payment(date: credit.issueDate, amount: credit.amount))
        }
        return reductions
    }

    /// The interest statement of one invoice through `date`: the payable amount from the day
    /// after the due date, reduced by the payments allocated to it and its credit notes from
    /// their dates (art. 6:119/6:119a BW; see `InterestCalculator` for the conventions).
    func interest(on invoice: ClientLedger.Invoice, reducedBy reductions: [InterestCalculator.Payment], kind: ClientKind,
                  through date: Day) throws -> InterestStatement {
        do {
            return try InterestCalculator(table: rules.interestTable).statement(
                principal: invoice.payable, dueDate: invoice.dueDate, through: date, clientKind: kind, payments: reductions)
        } catch {
            throw RuleBookError("interest on invoice \(invoice.number): \(error)")
        }
    }
}
