import LedgerStore
import TitleholdCore

/// Where one open invoice stands in the dunning timeline on a day (art. 13.4, 12.1), with the
/// statutory interest (art. 6:119/6:119a BW) and collection costs (art. 6:96 BW) to that day.
public struct InvoiceDunning: Sendable {
    public var invoice: ClientLedger.Invoice
    public var clientID: Int64
    public var clientKey: String
    public var clientName: String?
    public var clientKind: ClientKind
    /// The principal still open on the day (after payments and credit notes, art. 6:43 BW).
    public var open: Cents
    public var status: DunningStatus
    public var interest: InterestStatement

    /// Whether the price claim is time-barred on the day: then interest and costs, which follow
    /// the claim (art. 3:312 BW), are not claimed either.
    public var isTimeBarred: Bool { status.stage == .timeBarred }

    /// The statutory interest owed on the day: all interest accrued, including interest already
    /// added to the principal after a full year, less what payments paid of it (art. 6:44 BW).
    public var interestOwed: Cents {
        guard !isTimeBarred else { return .zero }
        let paid = interest.payments.reduce(Cents.zero) { $0 + $1.split.toInterest }
        return interest.totalInterest - paid
    }

    /// The collection costs owed on the day (zero before they are owed, e.g. to a consumer before
    /// the 14-day letter's term lapsed).
    public var costsOwed: Cents {
        guard !isTimeBarred, let costs = status.collectionCosts, costs.isOwed(on: status.asOf) else { return .zero }
        return costs.amount
    }

    /// The step the letter writer takes next, in the words the JSON output uses.
    public var nextStepName: String? {
        switch status.nextStep?.action {
        case .sendReminder1: return "reminder1"
        case .sendReminder2: return "reminder2"
        case .sendNoticeOfDefault: return "notice_of_default"
        case .handToCollections: return "collections"
        case nil: return nil
        }
    }

    /// The step the invoice is at, in the words: due, reminder 1 sent, reminder 2 sent,
    /// suspension allowed, notice of default sent, ready for collections (and the states around them).
    public var stepName: String {
        switch status.stage {
        case .paid: return "paid"
        case .timeBarred: return "time_barred"
        case .notYetDue: return "not_yet_due"
        case .overdue: return "due"
        case .reminder1Running, .reminder1Lapsed: return "reminder1_sent"
        case .reminder2Running: return "reminder2_sent"
        case .reminder2Lapsed: return "suspension_allowed"
        case .noticeRunning: return "notice_of_default_sent"
        case .noticeLapsed: return "ready_for_collections"
        case .withCollections: return "with_collections"
        }
    }
}

/// The letter kind a next step sends, if it sends one.
extension DunningStatus.Action {
    public var letterKind: DunningLetter.Kind {
        switch self {
        case .sendReminder1: return .reminder1
        case .sendReminder2: return .reminder2
        case .sendNoticeOfDefault: return .noticeOfDefault
        case .handToCollections: return .handedToCollections
        }
    }
}
