import Foundation

/// One planned visit to a client site to take back goods under retention of title (art. 10.3),
/// on a working day inside working hours (art. 4.2).
///
/// `Codable` so the caller can store the plan and pass it back as `previous` when planning again;
/// that is how ids stay stable and how changes are reported.
public struct PlannedVisit: Sendable, Hashable, Codable, Identifiable {
    /// A stable id: the site key (8 hex digits, `PickupSite.key`) and the date the visit was first
    /// planned (`3f0a91c2-20260330`). Re-planning keeps the id of a site's visit however often its date,
    /// time or items change, as long as the previous plan is passed in; a later visit to the same site
    /// after this one was carried out (and left the plan) gets a new id. The iCalendar UID is built
    /// from it, so calendars update the event instead of adding a second one.
    public var id: String
    public var clientID: Int64
    public var clientName: String
    public var siteAddress: String
    public var date: Day
    /// Local time (Europe/Amsterdam) in minutes after midnight when the visit starts.
    public var startMinute: Int
    /// Local time in minutes after midnight when the visit ends (the start plus the visit's minutes).
    public var endMinute: Int
    /// Which technician (1-based) makes the visit.
    public var technician: Int
    /// The items to collect, most valuable first.
    public var items: [PickupCandidate.Item]
    /// The first day the client was in default, as given in the candidate.
    public var inDefaultSince: Day?
    /// 0 when first planned, raised by one each time re-planning changes the visit: iCalendar's
    /// SEQUENCE (RFC 5545 §3.8.7.4), so calendar programs take the newest version.
    public var revision: Int

    public init(
        id: String, clientID: Int64, clientName: String, siteAddress: String, date: Day, startMinute: Int,
        endMinute: Int, technician: Int, items: [PickupCandidate.Item], inDefaultSince: Day? = nil, revision: Int = 0
    ) {
        self.id = id; self.clientID = clientID; self.clientName = clientName; self.siteAddress = siteAddress
        self.date = date; self.startMinute = startMinute; self.endMinute = endMinute; self.technician = technician
        self.items = items; self.inDefaultSince = inDefaultSince; self.revision = revision
    }

    /// The serials to collect, in the order of `items`.
    public var serials: [String] { items.map(\.serial) }

    /// The total value of the items at risk.
    public var valueAtRisk: Cents { items.reduce(.zero) { $0 + $1.value } }

    public var site: PickupSite { PickupSite(clientID: clientID, address: siteAddress) }

    /// The start as ISO 8601 local time with its offset, e.g. `2026-03-30T09:00:00+02:00`.
    public var startISO8601: String { AmsterdamTime.iso8601(day: date, minute: startMinute) }

    /// The end as ISO 8601 local time with its offset.
    public var endISO8601: String { AmsterdamTime.iso8601(day: date, minute: endMinute) }

    /// The start as an instant.
    public var start: Date { AmsterdamTime.instant(day: date, minute: startMinute) }

    /// The end as an instant.
    public var end: Date { AmsterdamTime.instant(day: date, minute: endMinute) }

    /// `09:00–10:10`, for people.
    public var timeWindow: String { "\(AmsterdamTime.clock(startMinute))–\(AmsterdamTime.clock(endMinute))" }
}
