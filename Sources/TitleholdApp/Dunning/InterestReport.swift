import TitleholdCore

/// `titlehold interest INVOICE`: the interest calculation period by period (art. 6:119/6:119a BW,
/// compounded yearly), the payments that reduced it, and the collection costs (art. 6:96 BW,
/// BIK scale with its EUR 40 minimum and EUR 6,775 maximum).
public struct InterestReport: Sendable, Encodable {
    public var invoice: String
    public var client: String
    public var clientKind: String
    public var article: String
    public var at: Day
    public var dueDate: Day
    public var interestFrom: Day
    public var principalCents: Int64
    public var periods: [Period]
    public var capitalisations: [Capitalisation]
    public var payments: [Payment]
    public var interestCents: Int64
    public var interestTotalCents: Int64
    public var openPrincipalCents: Int64
    public var costs: Costs
    public var notes: [String]

    public struct Period: Sendable, Encodable {
        public var from: Day
        public var through: Day
        public var days: Int
        public var ratePercent: String
        public var principalCents: Int64
        public var interestCents: Int64
        public var endedBy: [String]
    }

    public struct Capitalisation: Sendable, Encodable {
        public var on: Day
        public var amountCents: Int64
    }

    public struct Payment: Sendable, Encodable {
        public var date: Day
        public var amountCents: Int64
        public var toInterestCents: Int64
        public var toPrincipalCents: Int64
    }

    public struct Costs: Sendable, Encodable {
        public var basisCents: Int64
        public var scaleCents: Int64
        public var owedCents: Int64
        public var owedFrom: Day?
        public var bands: [Band]
        public var reasons: [String]
    }

    public struct Band: Sendable, Encodable {
        public var upToCents: Int64?
        public var perMille: Int64
        public var partCents: Int64
        public var costsCents: Int64
    }

    public init(_ dunning: InvoiceDunning) {
        let statement = dunning.interest
        invoice = dunning.invoice.number
        client = dunning.clientKey
        clientKind = dunning.clientKind.rawValue
        article = statement.article
        at = statement.through
        dueDate = statement.dueDate
        interestFrom = statement.interestFrom
        principalCents = statement.originalPrincipal.value
        periods = statement.periods.map {
            Period(from: $0.from, through: $0.through, days: $0.days, ratePercent: $0.rate.description,
                   principalCents: $0.principal.value, interestCents: $0.interest.value, endedBy: $0.endedBy.map(\.rawValue))
        }
        capitalisations = statement.capitalisations.map { Capitalisation(on: $0.on, amountCents: $0.amount.value) }
        payments = statement.payments.map {
            Payment(date: $0.date, amountCents: $0.amount.value, toInterestCents: $0.split.toInterest.value,
                    toPrincipalCents: $0.split.toPrincipal.value)
        }
        interestTotalCents = statement.totalInterest.value
        interestCents = dunning.interestOwed.value
        openPrincipalCents = statement.outstanding.principal.value
        let decision = dunning.status.collectionCosts
        let basis = decision?.principalBasis ?? dunning.open
        costs = Costs(
            basisCents: basis.value, scaleCents: decision?.amount.value ?? CollectionCosts.scale(principal: basis).value,
            owedCents: dunning.costsOwed.value, owedFrom: decision?.owedFrom,
            bands: CollectionCosts.breakdown(principal: basis).map {
                Band(upToCents: $0.band.upTo?.value, perMille: $0.band.perMille, partCents: $0.part.value, costsCents: $0.costs.value)
            },
            reasons: decision?.reasons.map(\.description) ?? [])
        notes = statement.notes
    }

    /// Plain text for a person.
    public var text: String {
        var lines = ["Invoice \(invoice) of \(client) (\(clientKind)): \(Cents(principalCents)) due \(dueDate)",
                     "Statutory interest (art. \(article)) from \(interestFrom) through \(at):"]
        for p in periods {
            lines.append("  \(p.from) – \(p.through)  \(p.days) days × \(p.ratePercent) on \(Cents(p.principalCents)) = \(Cents(p.interestCents))")
        }
        if periods.isEmpty { lines.append("  none: not overdue on \(at)") }
        for c in capitalisations { lines.append("  \(c.on): a full year's interest \(Cents(c.amountCents)) added to the principal") }
        for p in payments {
            lines.append("  \(p.date): paid \(Cents(p.amountCents)) → interest \(Cents(p.toInterestCents)), principal \(Cents(p.toPrincipalCents)) (art. 6:44 BW)")
        }
        lines.append("Interest: \(Cents(interestTotalCents)) in all, \(Cents(interestCents)) owed on \(at); "
                     + "principal with capitalised interest \(Cents(openPrincipalCents))")
        lines.append("Collection costs (art. 6:96 BW, BIK scale on \(Cents(costs.basisCents))):")
        for band in costs.bands where band.partCents > 0 {
            let upTo = band.upToCents.map { "up to \(Cents($0))" } ?? "above"
            lines.append("  \(upTo): \(band.perMille / 10).\(band.perMille % 10)% of \(Cents(band.partCents)) = \(Cents(band.costsCents))")
        }
        lines.append("  scale amount \(Cents(costs.scaleCents)) (minimum EUR 40.00, maximum EUR 6,775.00); owed on \(at): \(Cents(costs.owedCents))")
        for reason in costs.reasons { lines.append("  - \(reason)") }
        for note in notes { lines.append("Note: \(note)") }
        return lines.joined(separator: "\n")
    }
}
