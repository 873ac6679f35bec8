/// One difference between the previous plan and the new one, so that planning again and again is
/// safe and says what changed (issue "Planning": "a client who paid, or an item that is no longer
/// eligible, drops out of planned visits, and the output says what changed").
public struct PlanChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A new visit.
        case added(date: Day, startMinute: Int)
        /// A previously planned visit is gone.
        case dropped(DropReason)
        /// Items at the site became eligible since the previous plan and are collected too.
        case itemsAdded([String])
        /// Items are no longer to be collected (paid, returned, blocked or no longer eligible).
        case itemsRemoved([String])
        /// The visit moved to another day or time.
        case rescheduled(fromDate: Day, fromStartMinute: Int, toDate: Day, toStartMinute: Int)
    }

    /// Why a planned visit was dropped.
    public enum DropReason: Sendable, Hashable, CustomStringConvertible {
        /// None of the site's items is an eligible, unblocked candidate any more: the client paid, the
        /// items were returned or taken back, or the client is no longer in default (art. 10.3).
        case noEligibleItems
        /// The site is a candidate but no pickup notice is recorded for the client.
        case noticeMissing
        /// The site is still a candidate but got no place in this plan.
        case unplaced(UnplacedReason)

        public var description: String {
            switch self {
            case .noEligibleItems:
                return "no item there is eligible for pickup any more (paid, returned, or no longer in default; art. 10.3)"
            case .noticeMissing: return "no pickup notice is recorded for the client"
            case .unplaced(let reason): return "\(reason)"
            }
        }
    }

    public var visitID: String
    public var clientID: Int64
    public var clientName: String
    public var siteAddress: String
    public var kind: Kind

    public init(visitID: String, clientID: Int64, clientName: String, siteAddress: String, kind: Kind) {
        self.visitID = visitID; self.clientID = clientID; self.clientName = clientName; self.siteAddress = siteAddress
        self.kind = kind
    }

    public var description: String {
        let subject = "visit \(visitID) (\(clientName), \(siteAddress))"
        switch kind {
        case .added(let date, let start): return "\(subject): new, on \(date) at \(AmsterdamTime.clock(start))"
        case .dropped(let reason): return "\(subject): dropped — \(reason)"
        case .itemsAdded(let serials): return "\(subject): also collect \(serials.joined(separator: ", "))"
        case .itemsRemoved(let serials):
            return "\(subject): no longer collect \(serials.joined(separator: ", ")) (not eligible any more)"
        case .rescheduled(let fromDate, let fromStart, let toDate, let toStart):
            return "\(subject): moved from \(fromDate) \(AmsterdamTime.clock(fromStart)) to \(toDate) \(AmsterdamTime.clock(toStart))"
        }
    }
}
