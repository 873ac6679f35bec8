import TitleholdCore

/// The three letters of the dunning timeline of art. 13.4 of the terms. The raw value is the name of
/// the letter's templates (`letters/<raw>.html`, `letters/<raw>.txt`).
public enum LetterStep: String, Sendable, Hashable, Codable, CaseIterable {
    /// 1st reminder (betalingsherinnering): pay within 14 days (art. 13.4). To a consumer it is also
    /// the free 14-day letter of art. 6:96(6) BW.
    case reminder1
    /// 2nd reminder (tweede herinnering): pay within 7 days, after which services may be suspended
    /// (art. 13.4 with 12.1).
    case reminder2
    /// Notice of default (ingebrekestelling, art. 13.4 "4e"; art. 6:82 BW): a last term, after which
    /// the claim goes to collections.
    case noticeOfDefault = "notice_of_default"

    /// The step of a recorded dunning letter; `nil` for a hand-over to collections, which is no letter.
    public init?(_ kind: DunningLetter.Kind) {
        switch kind {
        case .reminder1: self = .reminder1
        case .reminder2: self = .reminder2
        case .noticeOfDefault: self = .noticeOfDefault
        case .handedToCollections: return nil
        }
    }

    /// The kind under which the ledger records the letter as sent.
    public var dunningKind: DunningLetter.Kind {
        switch self {
        case .reminder1: return .reminder1
        case .reminder2: return .reminder2
        case .noticeOfDefault: return .noticeOfDefault
        }
    }

    /// The part of a file name that says which letter it is ("reminder1", "notice-of-default").
    public var fileTag: String {
        switch self {
        case .reminder1: return "reminder1"
        case .reminder2: return "reminder2"
        case .noticeOfDefault: return "notice-of-default"
        }
    }
}

/// The addressee of a letter.
public struct LetterClient: Sendable, Hashable {
    /// The client's (trade) name as it appears on its invoices.
    public var name: String
    /// Postal address lines below the name (street and number, postcode and city, country).
    public var addressLines: [String]
    /// A person to address the letter to ("t.a.v."), if known.
    public var contactName: String?
    /// The supplier's debtor number for the client, so the client can quote it.
    public var debtorNumber: String?
    /// The client's Chamber of Commerce (KvK) number, for business clients.
    public var kvkNumber: String?

    public init(name: String, addressLines: [String], contactName: String? = nil, debtorNumber: String? = nil,
                kvkNumber: String? = nil) {
        self.name = name
        self.addressLines = addressLines
        self.contactName = contactName
        self.debtorNumber = debtorNumber
        self.kvkNumber = kvkNumber
    }
}

/// One dunning letter to one client, covering all of its overdue invoices in one letter
/// (art. 6:96(7) BW: several claims against one debtor are demanded together).
///
/// The amounts are computed by the caller (TitleholdCore's interest and collection-cost rules); the
/// renderer only formats and adds them up.
public struct DunningLetterModel: Sendable, Hashable {
    /// One overdue invoice as it stands on the letter's date.
    public struct Invoice: Sendable, Hashable {
        public var number: String
        public var issueDate: Day
        public var dueDate: Day
        /// The principal still unpaid.
        public var openCents: Cents
        /// Statutory (commercial) interest accrued up to the letter's date (art. 6:119a / 6:119 BW).
        public var interestCents: Cents
        /// The payment reference to quote; the invoice number is quoted when there is none.
        public var paymentReference: String?

        public init(number: String, issueDate: Day, dueDate: Day, openCents: Cents, interestCents: Cents,
                    paymentReference: String? = nil) {
            self.number = number
            self.issueDate = issueDate
            self.dueDate = dueDate
            self.openCents = openCents
            self.interestCents = interestCents
            self.paymentReference = paymentReference
        }
    }

    public var step: LetterStep
    /// The letter's date: the day it is sent (its terms count from the day after, rules.md "Dunning").
    public var sentOn: Day
    public var client: LetterClient
    public var invoices: [Invoice]
    /// Extrajudicial collection costs on the invoices' principals together (art. 6:96 BW, BIK scale;
    /// 6:96(7) BW). Zero leaves the costs out of the letter.
    public var costsCents: Cents
    /// The term given in the letter, in days (14, 7, or the configured notice term).
    public var termDays: Int
    /// The last day of the term (already moved past weekends and holidays by the caller, art. 1 Atw).
    public var termEndsOn: Day
    /// A consumer owes statutory interest (6:119 BW) instead of commercial interest (6:119a BW).
    public var isConsumer: Bool
    /// The letter is the free 14-day letter of art. 6:96(6) BW: it states that it costs nothing, that
    /// the 14 days count from the day after receipt, and the costs owed if not paid in that term.
    /// Defaults to a consumer's 1st reminder.
    public var isFourteenDayLetter: Bool
    /// The day the previous letter of the timeline went out, quoted in the 2nd reminder and the notice.
    public var previousLetterSentOn: Day?

    public init(step: LetterStep, sentOn: Day, client: LetterClient, invoices: [Invoice], costsCents: Cents,
                termDays: Int, termEndsOn: Day, isConsumer: Bool, isFourteenDayLetter: Bool? = nil,
                previousLetterSentOn: Day? = nil) {
        self.step = step
        self.sentOn = sentOn
        self.client = client
        self.invoices = invoices
        self.costsCents = costsCents
        self.termDays = termDays
        self.termEndsOn = termEndsOn
        self.isConsumer = isConsumer
        self.isFourteenDayLetter = isFourteenDayLetter ?? (isConsumer && step == .reminder1)
        self.previousLetterSentOn = previousLetterSentOn
    }

    /// The open principal of all invoices.
    public var totalOpen: Cents { invoices.reduce(.zero) { $0 + $1.openCents } }
    /// The interest of all invoices up to `sentOn`.
    public var totalInterest: Cents { invoices.reduce(.zero) { $0 + $1.interestCents } }
    /// What the client is asked to pay within the term: principal plus interest.
    public var totalDue: Cents { totalOpen + totalInterest }
}

/// The announcement of a pickup (aankondiging terugname) sent before a client's first pickup visit:
/// the supplier invokes its retention of title (art. 10.1) and its right to take back goods still at
/// the client, with the client's duty to give free access to its premises (art. 10.3).
public struct PickupNoticeModel: Sendable, Hashable {
    /// A retained item to be taken back.
    public struct Item: Sendable, Hashable {
        public var serial: String
        public var description: String
        public init(serial: String, description: String) {
            self.serial = serial
            self.description = description
        }
    }

    /// A ground the supplier relies on, with the article that makes it one (e.g. art. 13.4: the 2nd
    /// reminder's term lapsed unpaid; art. 10.3: the client is in suspension of payments).
    public struct Clause: Sendable, Hashable {
        public var article: String
        public var text: String
        public init(article: String, text: String) {
            self.article = article
            self.text = text
        }
    }

    public var client: LetterClient
    public var items: [Item]
    /// The first day a visit may take place (a working day, art. 4.2).
    public var earliestPickupOn: Day
    /// The letter's date.
    public var noticeDate: Day
    /// The grounds for taking back, printed as a list.
    public var clauses: [Clause]
    /// The address of the site where the goods are, when it is not the postal address.
    public var siteLines: [String]

    public init(client: LetterClient, items: [Item], earliestPickupOn: Day, noticeDate: Day, clauses: [Clause],
                siteLines: [String] = []) {
        self.client = client
        self.items = items
        self.earliestPickupOn = earliestPickupOn
        self.noticeDate = noticeDate
        self.clauses = clauses
        self.siteLines = siteLines
    }
}

/// A letter ready to print or mail: the same content as HTML (A4, inline CSS) and as plain text.
public struct RenderedLetter: Sendable, Hashable {
    public var html: String
    public var text: String
    /// `<date>-<letter>-<client slug>`, without extension ("2026-11-25-reminder1-acme-bv-d1001").
    public var suggestedFileName: String

    public init(html: String, text: String, suggestedFileName: String) {
        self.html = html
        self.text = text
        self.suggestedFileName = suggestedFileName
    }
}
