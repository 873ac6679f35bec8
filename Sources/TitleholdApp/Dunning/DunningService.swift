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
        var result: [InvoiceDunning] = []
        for invoice in file.ledger.invoices.sorted(by: { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }) {
            guard let balance = allocation.balance(of: invoice.id) else { continue }
            guard includePaid || balance.outstanding > .zero else { continue }
            result.append(try evaluate(invoice, balance: balance, allocation: allocation, in: file, on: date))
        }
        return result
    }

    func evaluate(_ invoice: ClientLedger.Invoice, balance: PaymentAllocation.Balance, allocation: PaymentAllocation,
                  in file: ClientFile, on date: Day) throws -> InvoiceDunning {
        let kind = file.ledger.clientKind
        let status = DunningTimeline.evaluate(
            DunningCase(dueDate: invoice.dueDate, clientKind: kind, isSaleOfGoods: invoice.isGoods,
                        openAmount: balance.outstanding, letters: file.ledger.letters[invoice.id] ?? []),
            today: date, calendar: rules.statutoryCalendar, settings: rules.dunning)
        let statement = try interest(on: invoice, allocation: allocation, in: file.ledger, through: date)
        return InvoiceDunning(invoice: invoice, clientID: file.id, clientKey: file.key, clientName: file.name,
                              clientKind: kind, open: balance.outstanding, status: status, interest: statement)
    }

    /// The interest statement of one invoice through `date`: the payable amount from the day
    /// after the due date, reduced by the payments allocated to it and its credit notes from
    /// their dates (art. 6:119/6:119a BW; see `InterestCalculator` for the conventions).
    public func interest(on invoice: ClientLedger.Invoice, allocation: PaymentAllocation, in ledger: ClientLedger,
                         through date: Day) throws -> InterestStatement {
        let paymentDays = Dictionary(ledger.payments.map { ($0.id, $0.bookingDate) }, uniquingKeysWith: { a, _ in a })
        var reductions: [InterestCalculator.Payment] = []
        for (paymentID, parts) in allocation.applied {
            guard let day = paymentDays[paymentID] else { continue }
            for part in parts where part.invoiceID == invoice.id {
                reductions.append(InterestCalculator.Payment(date: day, amount: part.amount))
            }
        }
        for credit in ledger.creditNotes where credit.invoiceID == invoice.id && credit.issueDate <= date {
            reductions.append(InterestCalculator.Payment(date: credit.issueDate, amount: credit.amount))
        }
        do {
            return try InterestCalculator(table: rules.interestTable).statement(
                principal: invoice.payable, dueDate: invoice.dueDate, through: date, clientKind: ledger.clientKind,
                payments: reductions)
        } catch {
            throw RuleBookError("interest on invoice \(invoice.number): \(error)")
        }
    }
}
