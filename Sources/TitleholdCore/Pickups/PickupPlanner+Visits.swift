extension PickupPlanner {
    /// The visits for the placed sites, by date, start and technician. A site planned before keeps its
    /// id; its revision goes up by one when anything a calendar or a technician sees changed.
    static func makeVisits(requests: [Request], placements: [PickupSite: Schedule.Placement]) -> [PlannedVisit] {
        var visits: [PlannedVisit] = []
        var usedIDs = Set<String>()
        for request in requests {
            let candidate = request.candidate
            guard let placement = placements[candidate.site] else { continue }
            var visit = PlannedVisit(
                id: request.previous?.id ?? newID(site: candidate.site, day: placement.day, taken: usedIDs),
                clientID: candidate.clientID, clientName: candidate.clientName, siteAddress: candidate.siteAddress,
                date: placement.day, startMinute: placement.start, endMinute: placement.end,
                technician: placement.technician, items: candidate.items, inDefaultSince: candidate.inDefaultSince)
            if let old = request.previous {
                visit.revision = old.revision + (visit.differsForCalendar(from: old) ? 1 : 0)
            }
            usedIDs.insert(visit.id)
            visits.append(visit)
        }
        return visits.sorted { ($0.date, $0.startMinute, $0.technician) < ($1.date, $1.startMinute, $1.technician) }
    }

    /// `<site key>-<YYYYMMDD>` of the day first planned; a suffix in the (unlikely) case that two
    /// sites share a key and a day.
    static func newID(site: PickupSite, day: Day, taken: Set<String>) -> String {
        let base = "\(site.key)-\(day.description.filter { $0 != "-" })"
        var id = base
        var n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        return id
    }

    /// The changes from `previous` to `visits`: dropped visits with the reason, new visits, moved
    /// visits and items added or removed, by date of the visit then id.
    static func changes(
        previous: [PlannedVisit], visits: [PlannedVisit], sites: [PickupCandidate], unplaced: [UnplacedPickup]
    ) -> [PlanChange] {
        var newBySite: [PickupSite: PlannedVisit] = [:]
        for visit in visits { newBySite[visit.site] = visit }
        let candidateSites = Set(sites.map(\.site))
        var unplacedBySite: [PickupSite: UnplacedPickup] = [:]
        for entry in unplaced { unplacedBySite[PickupSite(clientID: entry.clientID, address: entry.siteAddress)] = entry }

        var dated: [(Day, PlanChange)] = []
        var seen = Set<PickupSite>()
        for old in previous where seen.insert(old.site).inserted {
            func change(_ kind: PlanChange.Kind, _ visit: PlannedVisit) -> PlanChange {
                PlanChange(
                    visitID: visit.id, clientID: visit.clientID, clientName: visit.clientName,
                    siteAddress: visit.siteAddress, kind: kind)
            }
            guard let new = newBySite[old.site] else {
                let reason: PlanChange.DropReason
                if let entry = unplacedBySite[old.site] {
                    reason = .unplaced(entry.reason)
                } else if candidateSites.contains(old.site) {
                    reason = .noticeMissing
                } else {
                    reason = .noEligibleItems
                }
                dated.append((old.date, change(.dropped(reason), old)))
                continue
            }
            let oldSerials = Set(old.serials), newSerials = Set(new.serials)
            let removed = old.serials.filter { !newSerials.contains($0) }
            let added = new.serials.filter { !oldSerials.contains($0) }
            if !removed.isEmpty { dated.append((new.date, change(.itemsRemoved(removed), new))) }
            if !added.isEmpty { dated.append((new.date, change(.itemsAdded(added), new))) }
            if old.date != new.date || old.startMinute != new.startMinute {
                dated.append((new.date, change(
                    .rescheduled(
                        fromDate: old.date, fromStartMinute: old.startMinute, toDate: new.date,
                        toStartMinute: new.startMinute), new)))
            }
        }
        for visit in visits where !seen.contains(visit.site) {
            dated.append((visit.date, PlanChange(
                visitID: visit.id, clientID: visit.clientID, clientName: visit.clientName,
                siteAddress: visit.siteAddress, kind: .added(date: visit.date, startMinute: visit.startMinute))))
        }
        // A stable order: by day, then visit id; the kinds of one visit keep the order they were found in.
        return dated.enumerated()
            .sorted { ($0.element.0, $0.element.1.visitID, $0.offset) < ($1.element.0, $1.element.1.visitID, $1.offset) }
            .map(\.element.1)
    }
}

extension PlannedVisit {
    /// Whether a calendar entry or a manifest of `old` would show something else than this visit.
    func differsForCalendar(from old: PlannedVisit) -> Bool {
        date != old.date || startMinute != old.startMinute || endMinute != old.endMinute || items != old.items
            || siteAddress != old.siteAddress || clientName != old.clientName
    }
}
