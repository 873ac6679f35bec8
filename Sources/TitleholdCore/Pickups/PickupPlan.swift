/// The result of `PickupPlanner.plan`: what to visit when, what needs a notice first, what does not
/// fit, and what changed against the previous plan.
public struct PickupPlan: Sendable, Hashable {
    /// The first day of the horizon.
    public var from: Day
    /// The last day of the horizon (`from` + days − 1); before `from` when the horizon is empty.
    public var through: Day
    /// The visits, by date, start time and technician.
    public var visits: [PlannedVisit]
    /// Clients that must be sent a pickup notice (citing the access clause of art. 10.3) before any
    /// visit can be planned, most value at risk first.
    public var needsNotice: [PickupNoticeNeeded]
    /// Sites with a notice that got no visit in the horizon, with the reason, in planning order.
    public var unplaced: [UnplacedPickup]
    /// What differs from the previous plan: visits added, dropped, moved, or with other items.
    public var changes: [PlanChange]

    public init(
        from: Day, through: Day, visits: [PlannedVisit], needsNotice: [PickupNoticeNeeded], unplaced: [UnplacedPickup],
        changes: [PlanChange]
    ) {
        self.from = from; self.through = through; self.visits = visits; self.needsNotice = needsNotice
        self.unplaced = unplaced; self.changes = changes
    }

    /// The visit with `id`, for `titlehold pickups manifest VISIT`.
    public func visit(id: String) -> PlannedVisit? { visits.first { $0.id == id } }
}

/// A client to whom no pickup notice was sent yet: the notice letter comes first (issue "Planning":
/// "a client without a notice gets a notice letter first").
public struct PickupNoticeNeeded: Sendable, Hashable {
    public var clientID: Int64
    public var clientName: String
    /// The client's sites with eligible items, as given.
    public var siteAddresses: [String]
    public var serials: [String]
    public var valueAtRisk: Cents

    public init(clientID: Int64, clientName: String, siteAddresses: [String], serials: [String], valueAtRisk: Cents) {
        self.clientID = clientID; self.clientName = clientName; self.siteAddresses = siteAddresses
        self.serials = serials; self.valueAtRisk = valueAtRisk
    }
}

/// A site that could not be given a visit in the horizon.
public struct UnplacedPickup: Sendable, Hashable, CustomStringConvertible {
    public var clientID: Int64
    public var clientName: String
    public var siteAddress: String
    public var serials: [String]
    public var valueAtRisk: Cents
    /// The first day the site could be visited.
    public var earliest: Day
    public var reason: UnplacedReason

    public init(
        clientID: Int64, clientName: String, siteAddress: String, serials: [String], valueAtRisk: Cents, earliest: Day,
        reason: UnplacedReason
    ) {
        self.clientID = clientID; self.clientName = clientName; self.siteAddress = siteAddress; self.serials = serials
        self.valueAtRisk = valueAtRisk; self.earliest = earliest; self.reason = reason
    }

    public var description: String { "\(clientName), \(siteAddress): not planned — \(reason)" }
}

/// Why a site got no visit.
public enum UnplacedReason: Sendable, Hashable, CustomStringConvertible {
    /// Every working day from the earliest day through the end of the horizon is full (issue
    /// "Planning": capacity is never exceeded; the site waits for a longer horizon or more capacity).
    case noCapacity(earliest: Day, through: Day)
    /// The site may not be visited before `earliest`, which is after the horizon.
    case notBefore(earliest: Day, because: EarliestVisitReason)
    /// The visit takes longer than a working day; it is reported, never split over days silently,
    /// so a person decides how to split the items (or sets longer hours).
    case longerThanWorkingDay(minutes: Int, workingDayMinutes: Int)

    public var description: String {
        switch self {
        case .noCapacity(let earliest, let through):
            return "no free time from \(earliest) through \(through) (capacity per day is full)"
        case .notBefore(let earliest, let because):
            return "may not be visited before \(earliest): \(because)"
        case .longerThanWorkingDay(let minutes, let available):
            return "the visit takes \(minutes) minutes, more than a working day of \(available) minutes (art. 4.2); "
                + "split the items over visits by hand"
        }
    }
}

/// What sets the first day a site may be visited.
public enum EarliestVisitReason: Sendable, Hashable, CustomStringConvertible {
    /// The start of the plan (or the first working day from it, art. 4.2).
    case planStart
    /// The pickup notice sent on `sentOn` gives the client `workingDays` full working days.
    case notice(sentOn: Day, workingDays: Int)
    /// A block (cooling-off period, art. 63a/241a Fw; tax collector notification, art. 22bis Iw) holds through `until`.
    case blocked(until: Day)

    public var description: String {
        switch self {
        case .planStart: return "start of the plan"
        case .notice(let sentOn, let days):
            return "the pickup notice of \(sentOn) gives the client \(days) full working day\(days == 1 ? "" : "s") first (art. 10.3)"
        case .blocked(let until): return "a block holds through \(until)"
        }
    }
}
