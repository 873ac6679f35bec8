import TitleholdCore

extension ICalendar {
    /// The calendar of planned pickups (issue "Planning", `--ics FILE`): one event per visit.
    public static func pickups(_ visits: [PlannedVisit], name: String? = "Titlehold pickups") -> ICalendar {
        ICalendar(name: name, events: visits.map(event(for:)))
    }

    /// The event of one visit. The UID is `visit-<visit id>@titlehold`: the visit id is stable across
    /// re-planning, so importing a new export updates the event; `SEQUENCE` is the visit's revision.
    /// The description lists every serial (with its description) and cites art. 10.3 of the terms.
    public static func event(for visit: PlannedVisit) -> Event {
        let count = visit.items.count
        var lines = [
            "Take back goods under retention of title (art. 10.3 of the general terms).",
            "Client: \(visit.clientName)",
            "Visit: \(visit.id), technician \(visit.technician)",
            "Collect \(count) item\(count == 1 ? "" : "s") (\(visit.valueAtRisk)):",
        ]
        lines += visit.items.map { "- \($0.serial) \($0.description)" }
        return Event(
            uid: uid(forVisit: visit.id), sequence: visit.revision, day: visit.date, startMinute: visit.startMinute,
            endMinute: visit.endMinute, summary: "Pickup: \(visit.clientName) (\(count) item\(count == 1 ? "" : "s"))",
            location: visit.siteAddress, description: lines.joined(separator: "\n"))
    }

    /// `visit-<id>@titlehold`, the UID of a visit's event.
    public static func uid(forVisit id: String) -> String { "visit-\(id)@titlehold" }
}
