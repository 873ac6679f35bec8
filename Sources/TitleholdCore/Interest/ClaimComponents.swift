/// What is owed on one claim, in the three parts art. 6:44 BW distinguishes.
public struct ClaimComponents: Sendable, Hashable {
    /// Collection costs owed (art. 6:96 BW).
    public var costs: Cents
    /// Interest accrued and not yet added to the principal (art. 6:119 / 6:119a BW).
    public var interest: Cents
    /// The principal, including interest already added to it after a full year.
    public var principal: Cents

    public init(costs: Cents = .zero, interest: Cents = .zero, principal: Cents) {
        self.costs = costs; self.interest = interest; self.principal = principal
    }

    public var total: Cents { costs + interest + principal }

    /// How one payment was divided.
    public struct Split: Sendable, Hashable {
        public var toCosts: Cents
        public var toInterest: Cents
        public var toPrincipal: Cents
        /// What is left when everything is paid: stays a credit of the client (rules.md "Payments").
        public var surplus: Cents

        public init(toCosts: Cents, toInterest: Cents, toPrincipal: Cents, surplus: Cents) {
            self.toCosts = toCosts; self.toInterest = toInterest; self.toPrincipal = toPrincipal; self.surplus = surplus
        }
    }

    /// Art. 6:44(1) BW: a payment goes first to the costs, then to the accrued interest, then to the
    /// principal; whatever remains is a surplus. A zero or negative amount pays nothing.
    public func split(payment amount: Cents) -> Split {
        var left = max(.zero, amount)
        func take(_ owed: Cents) -> Cents {
            let part = min(left, max(.zero, owed))
            left = left - part
            return part
        }
        let costs = take(costs)
        let interest = take(interest)
        let principal = take(principal)
        return Split(toCosts: costs, toInterest: interest, toPrincipal: principal, surplus: left)
    }

    /// The components after paying `amount` (art. 6:44 BW), with the split that got there.
    public func paying(_ amount: Cents) -> (remaining: ClaimComponents, split: Split) {
        let split = split(payment: amount)
        let remaining = ClaimComponents(
            costs: costs - split.toCosts, interest: interest - split.toInterest, principal: principal - split.toPrincipal)
        return (remaining, split)
    }
}
