import TitleholdCore

/// One planned visit as `titlehold pickups plan --json` and `GET /api/pickups` print it: the client,
/// the day, the start and end as local times with their offset (Europe/Amsterdam), the site's
/// address and the serials to collect.
public struct PickupVisitReport: Sendable, Encodable {
    public var id: String
    public var client: String
    public var clientId: Int64
    public var date: Day
    public var start: String
    public var end: String
    public var technician: Int
    public var address: String
    public var serials: [String]
    public var valueCents: Int64

    public init(_ visit: PlannedVisit) {
        id = visit.id; client = visit.clientName; clientId = visit.clientID; date = visit.date
        start = visit.startISO8601; end = visit.endISO8601; technician = visit.technician
        address = visit.siteAddress; serials = visit.serials; valueCents = visit.valueAtRisk.value
    }
}
