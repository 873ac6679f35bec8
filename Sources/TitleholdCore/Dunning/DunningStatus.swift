/// Where an invoice stands in the dunning timeline on a day (art. 13.4 with 12.1 of the terms),
/// what may be done next and from when, and why.
public struct DunningStatus: Sendable, Hashable {
    public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing is owed: no next step.
        case paid
        /// The claim is time-barred (art. 3:307 / 7:28 BW): no next step.
        case timeBarred = "time-barred"
        /// On or before the due date.
        case notYetDue = "not-yet-due"
        /// Overdue, no 1st reminder recorded yet.
        case overdue
        /// The 1st reminder's term is running.
        case reminder1Running = "reminder-1-running"
        /// The 1st reminder's term lapsed unpaid; no 2nd reminder recorded yet.
        case reminder1Lapsed = "reminder-1-lapsed"
        /// The 2nd reminder's term is running.
        case reminder2Running = "reminder-2-running"
        /// The 2nd reminder's term lapsed unpaid: services may be suspended and the client is in default.
        case reminder2Lapsed = "reminder-2-lapsed"
        /// The notice of default's term is running.
        case noticeRunning = "notice-running"
        /// The notice's term lapsed unpaid: the claim may go to collections.
        case noticeLapsed = "notice-lapsed"
        /// Handed to collections: the service takes no further dunning step.
        case withCollections = "with-collections"

        /// A short English phrase for listings.
        public var label: String {
            switch self {
            case .paid: return "paid"
            case .timeBarred: return "time-barred"
            case .notYetDue: return "not yet due"
            case .overdue: return "overdue, no reminder sent"
            case .reminder1Running: return "1st reminder sent, term running"
            case .reminder1Lapsed: return "1st reminder's term lapsed"
            case .reminder2Running: return "2nd reminder sent, term running"
            case .reminder2Lapsed: return "2nd reminder's term lapsed: in default, suspension allowed"
            case .noticeRunning: return "notice of default sent, term running"
            case .noticeLapsed: return "notice of default's term lapsed: collections allowed"
            case .withCollections: return "with collections"
            }
        }
    }

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case sendReminder1 = "send-reminder-1"
        case sendReminder2 = "send-reminder-2"
        case sendNoticeOfDefault = "send-notice-of-default"
        case handToCollections = "hand-to-collections"

        /// A short English phrase for listings.
        public var label: String {
            switch self {
            case .sendReminder1: return "send the 1st reminder"
            case .sendReminder2: return "send the 2nd reminder"
            case .sendNoticeOfDefault: return "send the notice of default"
            case .handToCollections: return "hand the claim to collections"
            }
        }
    }

    /// The next step and the first day it may be taken.
    public struct NextStep: Sendable, Hashable {
        public var action: Action
        public var from: Day
        public var article: String
    }

    /// The evaluation date.
    public var asOf: Day
    public var stage: Stage
    /// `nil` when paid, barred or with collections.
    public var nextStep: NextStep?
    /// The last day of the term now running or last lapsed (already rolled forward, art. 1 Atw).
    public var termEnds: Day?
    /// The first day the client was in default (art. 13.4: the 2nd reminder's or the notice's term lapsed unpaid).
    public var inDefaultSince: Day?
    /// The claim's limitation (art. 3:307 / 7:28 BW).
    public var limitation: PriceClaimLimitation
    /// Collection costs (art. 6:96 BW); `nil` when nothing is owed or the claim is barred.
    public var collectionCosts: CollectionCostsDecision?
    public var reasons: [DunningReason]

    /// Whether the next step may be taken on `asOf`.
    public var mayTakeNextStep: Bool { nextStep.map { $0.from <= asOf } ?? false }
    /// Whether the client is in default on `asOf`.
    public var isInDefault: Bool { inDefaultSince.map { $0 <= asOf } ?? false }
    /// Art. 12.1 with 13.4: services may be suspended once the client is in default.
    public var suspensionAllowed: Bool { isInDefault }
}
