/// Every status a client had, oldest first (`titlehold clients status`), and the cooling-off
/// periods that came with them (art. 63a, 241a, 376 Fw).
///
/// How the entries are read:
/// - An entry is in force from its `since` day until the `since` of the next entry. Entries are
///   kept in the order they were recorded; an entry's `since` may not come before the previous
///   one's (the same day is allowed: the later entry wins that day).
/// - A cooling-off period starts on the `since` day of the entry that first carries a
///   `coolingOffUntil` for the client's current run of that status, and lasts until
///   `coolingOffUntil` inclusive. A court order given later than the status itself is recorded
///   as a new entry of the same status with `since` = the day of the order. (When ordered
///   together with the judgment, the period runs from the start of that day, 63a(1)/241a(1) Fw.)
/// - A later entry of the same status with a later `coolingOffUntil` is the one extension the
///   law allows. It must be recorded on or before the day the period ends (an ended period
///   cannot be extended). A later entry with an earlier `coolingOffUntil` (not before the
///   start) records that the court ended the period early; one without `coolingOffUntil`
///   leaves the period as it is.
/// - A change to another status ends any cooling-off period.
public struct ClientStatusHistory: Sendable, Hashable {
    /// One recorded status.
    public struct Entry: Sendable, Hashable, Codable {
        public var status: ClientStatus
        /// The first day the status applies (e.g. the day of the judgment).
        public var since: Day
        /// The last day of a cooling-off period ordered with (or under) this status, inclusive.
        public var coolingOffUntil: Day?
        public var note: String?
        /// The day the entry was recorded in the service.
        public var recordedOn: Day

        public init(status: ClientStatus, since: Day, coolingOffUntil: Day? = nil, note: String? = nil, recordedOn: Day) {
            self.status = status; self.since = since; self.coolingOffUntil = coolingOffUntil
            self.note = note; self.recordedOn = recordedOn
        }
    }

    /// The entries, in the order they were recorded (and so by `since`).
    public private(set) var entries: [Entry]

    /// An empty history: the client counts as `normal`.
    public init() { entries = [] }

    /// A history of entries as they were recorded, each checked against those before it when it
    /// was (`recording`), in the order given. Not checked again: a stored status must never be
    /// lost because a check changed since (a bankrupt client read as normal would be eligible
    /// for a pickup its cooling-off period forbids). Only the order is restored, by `since`.
    public init(recorded entries: [Entry]) {
        self.entries = entries.enumerated().sorted { ($0.element.since, $0.offset) < ($1.element.since, $1.offset) }
            .map(\.element)
    }

    /// A history of entries recorded earlier, checked again one by one.
    public init(validating entries: [Entry]) throws(ClientStatusError) {
        var history = ClientStatusHistory()
        for entry in entries { history = try history.recording(entry) }
        self = history
    }

    /// The entry in force on `date`, or `nil` when none was (the client then counts as `normal`).
    public func status(on date: Day) -> Entry? {
        entries.last { $0.since <= date }
    }

    /// The first day of the uninterrupted run of the status in force on `date` (a later entry of
    /// the same status, such as a cooling-off extension, does not restart it).
    public func statusSince(on date: Day) -> Day? {
        guard let index = entries.lastIndex(where: { $0.since <= date }) else { return nil }
        var first = index
        while first > 0, entries[first - 1].status == entries[index].status { first -= 1 }
        return entries[first].since
    }

    /// The cooling-off period in force on `date`, as known from the entries in force by then.
    public func coolingOff(on date: Day) -> CoolingOff? {
        guard let period = latestCoolingOff(on: date), period.start <= date, date <= period.end else { return nil }
        return period
    }

    /// The last cooling-off period of the status in force on `date`, whether or not it is still
    /// running then (for "the period ended on …" reasons).
    public func latestCoolingOff(on date: Day) -> CoolingOff? {
        var state: CoolingOff?
        var previous: ClientStatus?
        for entry in entries where entry.since <= date {
            if entry.status != previous { state = nil }
            previous = entry.status
            state = Self.apply(entry, to: state)
        }
        return state
    }

    /// The history with `new` recorded after the existing entries, if the law allows it.
    ///
    /// Refused: a cooling-off period under a status without one (only bankrupt, surseance and
    /// WHOA have one); a period ending before it starts; a first period longer than the statute
    /// allows (2 months under 63a/241a Fw, 4 under 376 Fw); an extension beyond its limit (2 more
    /// months under 63a/241a Fw, 8 months in all under 376 Fw); a second extension; an extension
    /// recorded after the period ended; an entry dated before the previous one.
    public func recording(_ new: Entry) throws(ClientStatusError) -> ClientStatusHistory {
        if let last = entries.last, new.since < last.since {
            throw .outOfOrder(since: new.since, previousSince: last.since, previousStatus: last.status)
        }
        if let end = new.coolingOffUntil {
            guard let limits = new.status.coolingOffLimits else {
                throw .coolingOffNotAllowed(status: new.status, until: end)
            }
            let continuing = entries.last.map { $0.status == new.status } ?? false
            let current = continuing ? latestCoolingOff(on: new.since) : nil
            if let current {
                try Self.checkChange(of: current, to: end, orderedOn: new.since, limits: limits)
            } else {
                guard end >= new.since else { throw .endsBeforeStart(start: new.since, end: end) }
                let latest = limits.latestFirstEnd(start: new.since)
                guard end <= latest else {
                    throw .firstPeriodTooLong(status: new.status, start: new.since, end: end, latestEnd: latest,
                                              article: limits.article)
                }
            }
        }
        var copy = self
        copy.entries.append(new)
        return copy
    }

    /// Checks a later entry's `coolingOffUntil` against the period already running.
    private static func checkChange(of current: CoolingOff, to end: Day, orderedOn day: Day,
                                    limits: CoolingOffLimits) throws(ClientStatusError) {
        guard end >= current.start else { throw .endsBeforeStart(start: current.start, end: end) }
        guard end > current.end else { return }  // unchanged, or ended early by the court
        guard !current.extended else {
            throw .secondExtension(status: current.status, start: current.start, firstEnd: current.firstEnd,
                                   extendedEnd: current.end, requestedEnd: end, article: limits.article)
        }
        guard day <= current.end else {
            throw .extensionAfterEnd(status: current.status, end: current.end, orderedOn: day, article: limits.article)
        }
        let latest = limits.latestExtendedEnd(start: current.start, firstEnd: current.end)
        guard end <= latest else {
            throw .extensionTooLong(status: current.status, start: current.start, firstEnd: current.end,
                                    requestedEnd: end, latestEnd: latest, article: limits.article)
        }
    }

    /// The period after `entry`, given the period before it under the same status run.
    private static func apply(_ entry: Entry, to state: CoolingOff?) -> CoolingOff? {
        guard let end = entry.coolingOffUntil, let article = entry.status.coolingOffArticle else { return state }
        guard var period = state else {
            return CoolingOff(status: entry.status, start: entry.since, firstEnd: end, end: end, extended: false,
                              article: article)
        }
        if end > period.end, !period.extended {
            period.extended = true
        } else if end < period.end, !period.extended {
            period.firstEnd = end  // ended early before any extension: the extension counts from here
        }
        period.end = end
        return period
    }
}

/// A cooling-off period (afkoelingsperiode): while it runs, goods in the client's power can only
/// be claimed with the court's permission (art. 63a(1) Fw; 241a(1) Fw; 376(2) Fw).
public struct CoolingOff: Sendable, Hashable, Codable {
    public var status: ClientStatus
    /// The first day of the period.
    public var start: Day
    /// The last day of the first period, before any extension.
    public var firstEnd: Day
    /// The last day of the period as it stands (extension included), inclusive.
    public var end: Day
    /// Whether the one extension the law allows was granted.
    public var extended: Bool
    /// "63a Fw", "241a Fw" or "376 Fw".
    public var article: String

    /// The first day after the period: from then on no court permission is needed.
    public var firstDayAfter: Day { end.adding(days: 1) }
}
