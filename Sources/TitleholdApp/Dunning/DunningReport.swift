import TitleholdCore

/// One line of `titlehold dunning`: an open invoice's step, next step and what is owed on it.
/// Encoded with snake_case keys (money in `_cents`, ISO 8601 dates).
public struct DunningReport: Sendable, Encodable {
    public var invoice: String
    public var client: String
    public var clientName: String?
    public var at: Day
    public var issueDate: Day
    public var dueDate: Day
    public var openCents: Int64
    public var step: String
    public var stage: String
    public var nextStep: String?
    public var nextStepOn: Day?
    public var mayTakeNextStep: Bool
    public var termEndsOn: Day?
    public var inDefaultSince: Day?
    public var timeBarredFrom: Day
    public var interestCents: Int64
    public var costsCents: Int64
    public var totalCents: Int64
    public var reasons: [Reason]

    public struct Reason: Sendable, Encodable {
        public var article: String
        public var text: String
    }

    private enum CodingKeys: String, CodingKey {
        case invoice, client, clientName, at, issueDate, dueDate, openCents, step, stage, nextStep, nextStepOn
        case mayTakeNextStep, termEndsOn, inDefaultSince, timeBarredFrom, interestCents, costsCents, totalCents, reasons
    }

    /// Like the synthesised encoding, but `next_step` and `next_step_on` are written as null
    /// rather than left out when there is no next step (paid, time-barred, with collections).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(invoice, forKey: .invoice)
        try c.encode(client, forKey: .client)
        try c.encodeIfPresent(clientName, forKey: .clientName)
        try c.encode(at, forKey: .at)
        try c.encode(issueDate, forKey: .issueDate)
        try c.encode(dueDate, forKey: .dueDate)
        try c.encode(openCents, forKey: .openCents)
        try c.encode(step, forKey: .step)
        try c.encode(stage, forKey: .stage)
        try c.encode(nextStep, forKey: .nextStep)
        try c.encode(nextStepOn, forKey: .nextStepOn)
        try c.encode(mayTakeNextStep, forKey: .mayTakeNextStep)
        try c.encodeIfPresent(termEndsOn, forKey: .termEndsOn)
        try c.encodeIfPresent(inDefaultSince, forKey: .inDefaultSince)
        try c.encode(timeBarredFrom, forKey: .timeBarredFrom)
        try c.encode(interestCents, forKey: .interestCents)
        try c.encode(costsCents, forKey: .costsCents)
        try c.encode(totalCents, forKey: .totalCents)
        try c.encode(reasons, forKey: .reasons)
    }

    public init(_ dunning: InvoiceDunning) {
        let status = dunning.status
        invoice = dunning.invoice.number
        client = dunning.clientKey; clientName = dunning.clientName
        at = status.asOf
        issueDate = dunning.invoice.issueDate; dueDate = dunning.invoice.dueDate
        openCents = dunning.open.value
        step = dunning.stepName; stage = status.stage.rawValue
        nextStep = dunning.nextStepName; nextStepOn = status.nextStep?.from
        mayTakeNextStep = status.mayTakeNextStep
        termEndsOn = status.termEnds; inDefaultSince = status.inDefaultSince
        timeBarredFrom = status.limitation.barredFrom
        interestCents = dunning.interestOwed.value
        costsCents = dunning.costsOwed.value
        totalCents = openCents + interestCents + costsCents
        var reasons = status.reasons.map { Reason(article: $0.article, text: $0.text) }
        if let costs = status.collectionCosts {
            reasons += costs.reasons.map { Reason(article: $0.article, text: $0.text) }
        }
        let periods = dunning.interest.periods.count
        if dunning.isTimeBarred {
            reasons.append(Reason(article: "3:312 BW", text: "interest and costs follow the time-barred claim: none claimed"))
        } else if periods > 0 {
            reasons.append(Reason(article: dunning.interest.article,
                                  text: "interest from \(dunning.interest.interestFrom) in \(periods) period(s): \(Cents(interestCents)) unpaid"))
        }
        self.reasons = reasons
    }

    /// Plain text for a person: one block per invoice.
    public var text: String {
        var lines = ["\(invoice)  \(client)\(clientName.map { " (\($0))" } ?? "")  due \(dueDate)  open \(Cents(openCents))"]
        lines.append("  step: \(step.replacingOccurrences(of: "_", with: " "))")
        if let nextStep, let nextStepOn {
            lines.append("  next: \(nextStep.replacingOccurrences(of: "_", with: " ")) from \(nextStepOn)\(mayTakeNextStep ? " (may be taken now)" : "")")
        } else {
            lines.append("  next: none")
        }
        lines.append("  interest to \(at): \(Cents(interestCents)); collection costs: \(Cents(costsCents)); total \(Cents(totalCents))")
        for reason in reasons { lines.append("  - \(reason.text) [art. \(reason.article)]") }
        return lines.joined(separator: "\n")
    }
}
