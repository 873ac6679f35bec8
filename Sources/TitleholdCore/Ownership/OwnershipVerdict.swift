/// The answer to "is this item still the supplier's?" on a date, with every reason that decided it.
public struct OwnershipVerdict: Sendable, Hashable {
    public enum Owner: String, Sendable, Codable { case supplier, client }

    public var owner: Owner
    /// Since when the client owns the item (when `owner == .client`).
    public var clientOwnsSince: Day?
    public var reasons: [OwnershipReason]

    public init(owner: Owner, clientOwnsSince: Day?, reasons: [OwnershipReason]) {
        self.owner = owner; self.clientOwnsSince = clientOwnsSince; self.reasons = reasons
    }
}

/// One reason behind an ownership verdict, naming the article it rests on.
public struct OwnershipReason: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// An invoice in scope is not fully paid (art. 10.1).
        case invoiceOpen = "invoice_open"
        /// A delivered item in scope is not invoiced yet: its price is still owed (art. 10.1).
        case notInvoiced = "not_invoiced"
        /// The item was not delivered yet on the date.
        case notDelivered = "not_delivered"
        /// An invoice in scope was paid or credited in full (art. 3:92(3) BW).
        case paidInFull = "paid_in_full"
        /// The price claim is time-barred (art. 3:92(3) with 3:307 / 7:28 BW).
        case timeBarred = "time_barred"
        /// The supplier waived its retention of title (art. 3:92(3) BW).
        case waived
        /// The item became a component of another good (art. 5:14 BW).
        case incorporated
        /// Sold on by the client to a buyer in good faith (art. 3:86 BW).
        case resold
    }

    public var kind: Kind
    public var article: String
    public var invoiceNumber: String?
    public var outstanding: Cents?
    public var dueDate: Day?
    public var daysOverdue: Int?
    /// The day the reason took effect (paid on, barred on, delivered on, event date).
    public var date: Day?
    public var text: String

    public init(kind: Kind, article: String, invoiceNumber: String? = nil, outstanding: Cents? = nil,
                dueDate: Day? = nil, daysOverdue: Int? = nil, date: Day? = nil, text: String) {
        self.kind = kind; self.article = article; self.invoiceNumber = invoiceNumber
        self.outstanding = outstanding; self.dueDate = dueDate; self.daysOverdue = daysOverdue
        self.date = date; self.text = text
    }
}
