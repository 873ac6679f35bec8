/// One reason behind a repossession flag, naming the article that decided it (rules.md: every
/// flag lists its reasons — which invoices, which letters and terms, which client status — each
/// with its article). `article` is an article of the general terms ("10.3", "13.4") or of a
/// statute ("63a Fw", "22bis Iw", "3:92(3) BW").
public struct RepossessionReason: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Condition 1 holds: the supplier owns the item (art. 10.1); one per open claim.
        case owned
        /// Condition 1 fails: the client owns the item (paid, barred, waived, incorporated, resold).
        case notOwned = "not-owned"
        /// Condition 2 holds: the item is still at the client.
        case atClient = "at-client"
        /// Condition 2 fails: not delivered yet, or returned, repossessed, incorporated or sold on.
        case notAtClient = "not-at-client"
        /// Condition 3 holds: an invoice in the item's scope is in default (art. 10.3 with 13.4).
        case inDefault = "in-default"
        /// A dunning step behind an invoice in default: a letter, its term, when it lapsed (art. 13.4).
        case dunning
        /// Condition 3 holds: the client is in, or heading for, payment difficulties (art. 10.3).
        case clientStatus = "client-status"
        /// Condition 3 fails: no default in scope and no payment difficulties.
        case noGround = "no-ground"
        /// A cooling-off period blocks the pickup (art. 63a, 241a, 376 Fw).
        case coolingOff = "cooling-off"
        /// A cooling-off period of the current status ended before the date: it no longer blocks.
        case coolingOffEnded = "cooling-off-ended"
        /// The tax collector was notified (art. 22bis Iw): the four weeks run, or have passed.
        case taxNotice = "tax-notice"
        /// The tax collector must be notified first (art. 22bis Iw): no (current) notice.
        case taxNoticeMissing = "tax-notice-missing"
        /// Below the EUR 10,000 threshold: no notice to the tax collector needed (22bis(17) Iw).
        case taxNoticeNotNeeded = "tax-notice-not-needed"
        /// The client sold or encumbered the item against art. 10.2.
        case breach
        /// The client must give free access to its premises for the pickup (art. 10.3).
        case access
    }

    public var kind: Kind
    public var article: String
    public var text: String
    /// The invoice the reason is about, if any.
    public var invoiceNumber: String?
    /// The day the reason took effect (in default since, status since, notice sent, event date).
    public var date: Day?

    public init(kind: Kind, article: String, text: String, invoiceNumber: String? = nil, date: Day? = nil) {
        self.kind = kind; self.article = article; self.text = text; self.invoiceNumber = invoiceNumber; self.date = date
    }

    /// `text (art. 10.3)`.
    public var description: String { "\(text) (art. \(article))" }
}
