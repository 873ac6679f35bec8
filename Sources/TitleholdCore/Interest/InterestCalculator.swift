/// Statutory interest on a late payment (art. 13.4 of the terms: owed without further notice;
/// art. 6:119 BW for consumers, art. 6:119a BW for businesses).
///
/// Conventions, chosen and fixed here so every figure can be checked by hand:
/// - **Days counted**: from the day after the due date up to and including the evaluation date
///   (art. 6:119a(1) BW: "vanaf de dag volgend op de uiterste dag van betaling"). Paid on the due
///   date: no interest. Evaluated two days after the due date: two days.
/// - **Day count**: actual days / 365, also in leap years, as Dutch interest calculators do;
///   a full leap year therefore bears 366/365 of the yearly rate.
/// - **Rate**: the rate of the half year each day falls in (art. 6:120 BW); a period is split
///   where the rate the client owes changes (not where only the other kind's rate changes).
/// - **Compounding**: after each full year, counted from the first interest day, the interest of
///   that year still unpaid is added to the principal (art. 6:119(2), 6:119a(3) BW). A start on
///   29 February has its anniversaries on 28 February.
/// - **Payments** reduce what is owed from their date on (interest for the day of payment runs
///   on the reduced principal); each is applied to costs, then interest, then principal
///   (art. 6:44 BW). No interest runs on costs.
/// - **Rounding**: half-up to the cent at the end of each period (design.md "Money").
public struct InterestCalculator: Sendable {
    /// The day-count denominator: interest per day is rate / 365.
    public static let daysInYear: Int64 = 365

    public var table: StatutoryInterestTable

    public init(table: StatutoryInterestTable = .builtIn) { self.table = table }

    /// Money received on a day.
    public struct Payment: Sendable, Hashable {
        public var date: Day
        public var amount: Cents
        public init(date: Day, amount: Cents) { self.date = date; self.amount = amount }
    }

    /// Costs that become owed on a day (collection costs, art. 6:96 BW); payments go to them first.
    public struct Charge: Sendable, Hashable {
        public var date: Day
        public var amount: Cents
        public init(date: Day, amount: Cents) { self.date = date; self.amount = amount }
    }

    /// The interest owed on `principal`, due on `dueDate`, counted through `through` (see the type's
    /// conventions). Payments and charges dated after `through` are left out. When `through` is not
    /// after the due date, no interest is owed and the statement has no periods.
    public func statement(
        principal: Cents, dueDate: Day, through: Day, clientKind: ClientKind,
        payments: [Payment] = [], charges: [Charge] = []
    ) throws(InterestError) -> InterestStatement {
        guard principal >= .zero else { throw .negativeAmount(what: "the principal", amount: principal) }
        if let bad = payments.first(where: { $0.amount < .zero }) {
            throw .negativeAmount(what: "the payment of \(bad.date)", amount: bad.amount)
        }
        if let bad = charges.first(where: { $0.amount < .zero }) {
            throw .negativeAmount(what: "the charge of \(bad.date)", amount: bad.amount)
        }
        let start = dueDate.adding(days: 1)
        var ledger = Ledger(
            owed: ClaimComponents(principal: principal),
            payments: payments.filter { $0.date <= through }.sorted { $0.date < $1.date },
            charges: charges.filter { $0.date <= through }.sorted { $0.date < $1.date })

        var periods: [InterestStatement.Period] = []
        var capitalisations: [InterestStatement.Capitalisation] = []
        var anniversaries: [Day] = []
        var year = 1
        while start.adding(years: year) <= through {
            anniversaries.append(start.adding(years: year))
            year += 1
        }
        let rateChanges = Set(table.changes(after: start, through: through).filter {
            table.rate(on: $0, for: clientKind) != table.rate(on: $0.adding(days: -1), for: clientKind)
        })
        let paymentDays = Set(ledger.payments.map(\.date).filter { start < $0 })
        let anniversarySet = Set(anniversaries)
        let boundaries = rateChanges.union(paymentDays).union(anniversarySet).sorted()

        var cursor = start
        ledger.settle(through: min(start, through))
        var boundaryIndex = 0
        while cursor <= through {
            while boundaryIndex < boundaries.count, boundaries[boundaryIndex] <= cursor { boundaryIndex += 1 }
            let next = boundaryIndex < boundaries.count ? boundaries[boundaryIndex] : through.adding(days: 1)
            let end = next.adding(days: -1)
            if ledger.owed.principal > .zero {
                guard let rate = table.rate(on: cursor, for: clientKind) else {
                    throw .noRate(day: cursor, tableStarts: table.firstDay)
                }
                let days = cursor.days(until: end) + 1
                let interest = try Self.interest(on: ledger.owed.principal, rate: rate, days: days)
                ledger.owed.interest = ledger.owed.interest + interest
                var endedBy: [InterestStatement.PeriodEnd] = []
                if next > through { endedBy.append(.evaluationDate) }
                if anniversarySet.contains(next) { endedBy.append(.yearCompleted) }
                if rateChanges.contains(next) { endedBy.append(.rateChange) }
                if paymentDays.contains(next) { endedBy.append(.payment) }
                periods.append(InterestStatement.Period(
                    from: cursor, through: end, days: days, rate: rate, article: clientKind.interestArticle,
                    principal: ledger.owed.principal, interest: interest, endedBy: endedBy))
            }
            cursor = next
            guard cursor <= through else { break }
            if anniversarySet.contains(cursor), ledger.owed.interest > .zero {
                capitalisations.append(InterestStatement.Capitalisation(on: cursor, amount: ledger.owed.interest))
                ledger.owed.principal = ledger.owed.principal + ledger.owed.interest
                ledger.owed.interest = .zero
            }
            ledger.settle(through: cursor)
        }
        ledger.settle(through: through)

        var notes: [String] = []
        if through > table.knownThrough, periods.contains(where: { $0.through > table.knownThrough }) {
            let last = table.entries[table.entries.count - 1]
            notes.append(
                "The rate table ends with the half year from \(last.from); for days after \(table.knownThrough) "
                    + "its rate (\(last.rate(for: clientKind))) was assumed. "
                    + "Add the new rate to Resources/rates/statutory-interest.tsv.")
        }
        let total = periods.reduce(Cents.zero) { $0 + $1.interest }
        return InterestStatement(
            clientKind: clientKind, article: clientKind.interestArticle, dueDate: dueDate, interestFrom: start,
            through: through, originalPrincipal: principal, periods: periods, capitalisations: capitalisations,
            payments: ledger.applied, totalInterest: total, outstanding: ledger.owed, credit: ledger.credit, notes: notes)
    }

    /// principal × rate × days / 365, rounded half-up to the cent, computed exactly in integers.
    public static func interest(on principal: Cents, rate: InterestRate, days: Int) throws(InterestError) -> Cents {
        guard principal > .zero, days > 0, rate.perMillion > 0 else { return .zero }
        let denominator = UInt64(daysInYear) * 1_000_000
        let factor = UInt64(rate.perMillion) * UInt64(days)
        let product = UInt64(principal.value).multipliedFullWidth(by: factor)
        guard product.high < denominator else { throw .amountTooLarge(principal) }
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        let rounded = remainder * 2 >= denominator ? quotient + 1 : quotient
        guard rounded <= UInt64(Int64.max) else { throw .amountTooLarge(principal) }
        return Cents(Int64(rounded))
    }

    /// What is owed as payments and charges come in, in date order.
    private struct Ledger {
        var owed: ClaimComponents
        var payments: [Payment]
        var charges: [Charge]
        var nextPayment = 0
        var nextCharge = 0
        var applied: [InterestStatement.AppliedPayment] = []
        var credit = Cents.zero

        /// Adds the charges and applies the payments dated on or before `day` (art. 6:44 BW); a
        /// charge counts before a payment of the same day.
        mutating func settle(through day: Day) {
            while nextPayment < payments.count, payments[nextPayment].date <= day {
                let payment = payments[nextPayment]
                addCharges(through: payment.date)
                let (remaining, split) = owed.paying(payment.amount)
                owed = remaining
                credit = credit + split.surplus
                applied.append(InterestStatement.AppliedPayment(date: payment.date, amount: payment.amount, split: split))
                nextPayment += 1
            }
            addCharges(through: day)
        }

        private mutating func addCharges(through day: Day) {
            while nextCharge < charges.count, charges[nextCharge].date <= day {
                owed.costs = owed.costs + charges[nextCharge].amount
                nextCharge += 1
            }
        }
    }
}
