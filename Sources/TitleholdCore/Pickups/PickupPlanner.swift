/// Plans visits to take back goods under retention of title (art. 10.3 of the terms) inside the
/// supplier's working calendar (art. 4.2: usual working days and hours, never on Sundays or public
/// holidays). Pure: the same input gives the same plan, and nothing is read or written.
///
/// Rules, in the order they apply:
/// 1. One visit per client site (`PickupSite`); candidates for the same site are merged.
/// 2. A client without a pickup notice gets no visit, only an entry in `needsNotice`.
/// 3. A site is visited no earlier than the first working day of the plan, no earlier than the
///    working day after `noticeWorkingDays` full working days following the notice (notice on a
///    Friday with 2 days: Wednesday), and no earlier than the day after `blockedUntil`.
/// 4. Sites are served in priority order: most value at risk first, then the oldest default, then
///    client id and address (so the order never depends on the input order).
/// 5. A site that was in `previous` keeps its id and, when still allowed and free, its day, technician
///    and start time, so planning again after a payment moves nothing but what the payment affects.
///    Other sites take the earliest free time on the earliest working day.
/// 6. Capacity is never exceeded: per technician per day at most `visitsPerTechnicianPerDay` visits,
///    each inside opening hours, with `travelMinutes` free between two visits. A visit longer than a
///    working day is reported in `unplaced`, not split.
public enum PickupPlanner {
    /// Plans the horizon `from` … `from + days − 1` (calendar days; `days` ≤ 0 plans nothing).
    ///
    /// - Parameters:
    ///   - candidates: eligible, unblocked items per client site (rules.md "Repossession eligibility").
    ///   - previous: the visits of the plan made before, still open (not carried out), or `[]`.
    ///   - calendar: the pickups calendar (`BusinessCalendar.pickups` or read from `pickups.conf`).
    public static func plan(
        candidates: [PickupCandidate], previous: [PlannedVisit], from: Day, days: Int, calendar: BusinessCalendar,
        settings: PickupSettings
    ) -> PickupPlan {
        let through = from.adding(days: max(days, 0) - 1)
        let sites = mergedBySite(candidates)
        var previousBySite: [PickupSite: PlannedVisit] = [:]
        for visit in previous where previousBySite[visit.site] == nil { previousBySite[visit.site] = visit }

        var needsNotice: [Int64: PickupNoticeNeeded] = [:]
        var requests: [Request] = []
        for candidate in sites {
            guard let notice = candidate.noticeSentOn else {
                var entry = needsNotice[candidate.clientID] ?? PickupNoticeNeeded(
                    clientID: candidate.clientID, clientName: candidate.clientName, siteAddresses: [], serials: [],
                    valueAtRisk: .zero)
                entry.siteAddresses.append(candidate.siteAddress)
                entry.serials += candidate.items.map(\.serial)
                entry.valueAtRisk = entry.valueAtRisk + candidate.valueAtRisk
                needsNotice[candidate.clientID] = entry
                continue
            }
            let (earliest, because) = earliestDay(candidate, notice: notice, from: from, calendar: calendar, settings: settings)
            requests.append(Request(
                candidate: candidate, earliest: earliest, because: because,
                minutes: settings.visitMinutes(items: candidate.items.count), previous: previousBySite[candidate.site]))
        }
        requests.sort(by: Request.plannedBefore)

        var schedule = Schedule(calendar: calendar, settings: settings)
        var placements: [PickupSite: Schedule.Placement] = [:]
        var unplaced: [UnplacedPickup] = []
        let workingDayMinutes = calendar.closesAt - calendar.opensAt

        // Pass 1: sites planned before keep their day, technician and time when they still may and fit.
        for request in requests {
            guard let old = request.previous, request.minutes <= workingDayMinutes,
                  request.earliest <= old.date, old.date <= through, calendar.isWorkingDay(old.date),
                  let placement = schedule.place(
                      minutes: request.minutes, on: old.date, preferring: (old.technician, old.startMinute))
            else { continue }
            placements[request.candidate.site] = placement
        }
        // Pass 2: everything else, in priority order, at the earliest free time.
        for request in requests where placements[request.candidate.site] == nil {
            let candidate = request.candidate
            func unplace(_ reason: UnplacedReason) {
                unplaced.append(UnplacedPickup(
                    clientID: candidate.clientID, clientName: candidate.clientName, siteAddress: candidate.siteAddress,
                    serials: candidate.items.map(\.serial), valueAtRisk: candidate.valueAtRisk,
                    earliest: request.earliest, reason: reason))
            }
            if request.minutes > workingDayMinutes {
                unplace(.longerThanWorkingDay(minutes: request.minutes, workingDayMinutes: workingDayMinutes))
            } else if request.earliest > through {
                unplace(.notBefore(earliest: request.earliest, because: request.because))
            } else if let placement = schedule.placeEarliest(minutes: request.minutes, from: request.earliest, through: through) {
                placements[candidate.site] = placement
            } else {
                unplace(.noCapacity(earliest: request.earliest, through: through))
            }
        }

        let visits = makeVisits(requests: requests, placements: placements)
        let changes = changes(previous: previous, visits: visits, sites: sites, unplaced: unplaced)
        return PickupPlan(
            from: from, through: through, visits: visits,
            needsNotice: needsNotice.values.sorted { ($1.valueAtRisk, $0.clientID) < ($0.valueAtRisk, $1.clientID) },
            unplaced: unplaced, changes: changes)
    }

    /// The first day `candidate` may be visited, and what set it (art. 4.2, 10.3; rules.md "Pickups").
    /// The first day a visit may take place after a pickup notice sent on `notice`: N full working
    /// days after the notice day (`settings.noticeWorkingDays`), then the visit on the next working day.
    public static func earliestVisit(afterNoticeOn notice: Day, calendar: BusinessCalendar, settings: PickupSettings) -> Day {
        calendar.adding(workingDays: settings.noticeWorkingDays + 1, to: notice)
    }

    static func earliestDay(
        _ candidate: PickupCandidate, notice: Day, from: Day, calendar: BusinessCalendar, settings: PickupSettings
    ) -> (Day, EarliestVisitReason) {
        var earliest = from
        var because = EarliestVisitReason.planStart
        let afterNotice = earliestVisit(afterNoticeOn: notice, calendar: calendar, settings: settings)
        if afterNotice > earliest {
            earliest = afterNotice
            because = .notice(sentOn: notice, workingDays: settings.noticeWorkingDays)
        }
        if let blocked = candidate.blockedUntil, blocked.adding(days: 1) > earliest {
            earliest = blocked.adding(days: 1)
            because = .blocked(until: blocked)
        }
        return (calendar.nextWorkingDay(onOrAfter: earliest), because)
    }

    /// One candidate per site: items merged (first occurrence of a serial wins) and sorted by value,
    /// the oldest default, the latest notice and the latest block kept. Sites without items are left out.
    static func mergedBySite(_ candidates: [PickupCandidate]) -> [PickupCandidate] {
        var order: [PickupSite] = []
        var merged: [PickupSite: PickupCandidate] = [:]
        for candidate in candidates {
            let site = candidate.site
            guard var existing = merged[site] else {
                order.append(site)
                merged[site] = candidate
                continue
            }
            existing.items += candidate.items
            existing.inDefaultSince = earlier(existing.inDefaultSince, candidate.inDefaultSince)
            existing.noticeSentOn = later(existing.noticeSentOn, candidate.noticeSentOn)
            existing.blockedUntil = later(existing.blockedUntil, candidate.blockedUntil)
            merged[site] = existing
        }
        return order.compactMap { site -> PickupCandidate? in
            guard var candidate = merged[site] else { return nil }
            var seen = Set<String>()
            candidate.items = candidate.items.filter { seen.insert($0.serial).inserted }
                .sorted { ($1.value, $0.serial) < ($0.value, $1.serial) }
            return candidate.items.isEmpty ? nil : candidate
        }
    }

    private static func earlier(_ a: Day?, _ b: Day?) -> Day? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    private static func later(_ a: Day?, _ b: Day?) -> Day? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    /// A site to plan, with what the planner derived for it.
    struct Request {
        var candidate: PickupCandidate
        var earliest: Day
        var because: EarliestVisitReason
        var minutes: Int
        var previous: PlannedVisit?

        /// Priority: most value at risk, oldest default (unknown last), client id, address.
        static func plannedBefore(_ a: Request, _ b: Request) -> Bool {
            let x = a.candidate, y = b.candidate
            if x.valueAtRisk != y.valueAtRisk { return x.valueAtRisk > y.valueAtRisk }
            switch (x.inDefaultSince, y.inDefaultSince) {
            case let (p?, q?) where p != q: return p < q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.site < y.site
            }
        }
    }
}
