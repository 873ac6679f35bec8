/// A dunning letter (or hand-over) the service recorded as sent. Only recorded letters count:
/// the timeline never assumes one went out (rules.md "Dunning").
public struct DunningLetter: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 1st reminder (art. 13.4): pay within 14 days. To a consumer it is also the free 14-day
        /// letter of art. 6:96(6) BW.
        case reminder1 = "reminder-1"
        /// 2nd reminder (art. 13.4): pay within 7 days, after which services may be suspended (art. 12.1).
        case reminder2 = "reminder-2"
        /// Notice of default (ingebrekestelling, art. 13.4 — numbered "4e" in the terms; art. 6:82 BW).
        case noticeOfDefault = "notice-of-default"
        /// The claim was handed to collections (art. 13.4, after the notice's term).
        case handedToCollections = "handed-to-collections"

        /// Whether this is a written demand to the client that interrupts limitation (art. 3:317 BW).
        public var isWrittenDemand: Bool { self != .handedToCollections }

        public var label: String {
            switch self {
            case .reminder1: return "1st reminder"
            case .reminder2: return "2nd reminder"
            case .noticeOfDefault: return "notice of default"
            case .handedToCollections: return "hand-over to collections"
            }
        }
    }

    public var kind: Kind
    /// The day the letter went out (or the claim was handed over).
    public var sentOn: Day

    public init(kind: Kind, sentOn: Day) { self.kind = kind; self.sentOn = sentOn }
}

/// What the dunning timeline needs to know about one invoice.
public struct DunningCase: Sendable, Hashable {
    /// The effective due date (UBL `cbc:DueDate`, else invoice date + agreed term, else 30 days, art. 6:119a BW).
    public var dueDate: Day
    public var clientKind: ClientKind
    /// Whether the claim is the price of goods sold (for a consumer: 2-year limitation, art. 7:28 BW).
    public var isSaleOfGoods: Bool
    /// What is still owed on the invoice (after payments and credit notes); zero or less is paid.
    public var openAmount: Cents
    /// The recorded letters, in any order.
    public var letters: [DunningLetter]
    /// Days the client acknowledged the debt, e.g. part payments (art. 3:318 BW): they interrupt limitation.
    public var acknowledgements: [Day]

    public init(dueDate: Day, clientKind: ClientKind, isSaleOfGoods: Bool = true, openAmount: Cents,
                letters: [DunningLetter] = [], acknowledgements: [Day] = []) {
        self.dueDate = dueDate; self.clientKind = clientKind; self.isSaleOfGoods = isSaleOfGoods
        self.openAmount = openAmount; self.letters = letters; self.acknowledgements = acknowledgements
    }
}
