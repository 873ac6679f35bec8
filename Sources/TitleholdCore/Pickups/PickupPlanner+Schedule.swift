extension PickupPlanner {
    /// The technicians' days filled so far. Each technician's day is a list of busy intervals in local
    /// minutes; a new visit goes into a gap only with `travelMinutes` free on both sides, inside
    /// opening hours, and only while the technician has visits left that day (art. 4.2; issue
    /// "Planning": capacity never exceeded).
    struct Schedule {
        struct Placement: Hashable {
            var day: Day
            var technician: Int
            var start: Int
            var end: Int
        }

        let calendar: BusinessCalendar
        let settings: PickupSettings
        /// Busy intervals per day and technician (index 0 = technician 1), sorted by start.
        private var busy: [Day: [[Range<Int>]]] = [:]

        init(calendar: BusinessCalendar, settings: PickupSettings) {
            self.calendar = calendar
            self.settings = settings
        }

        /// Places a visit on `day`: at the preferred technician and start when free, else at the earliest
        /// free start of any technician (the preferred one first on a tie).
        mutating func place(minutes: Int, on day: Day, preferring preferred: (technician: Int, start: Int)? = nil)
            -> Placement?
        {
            guard calendar.isWorkingDay(day) else { return nil }
            var technicians = busy[day] ?? Array(repeating: [], count: settings.technicians)
            var choice: (technician: Int, start: Int)?
            if let preferred, (1...settings.technicians).contains(preferred.technician),
               fits(minutes, at: preferred.start, in: technicians[preferred.technician - 1]) {
                choice = preferred
            } else {
                var order = Array(1...settings.technicians)
                if let preferred, let index = order.firstIndex(of: preferred.technician) {
                    order.remove(at: index); order.insert(preferred.technician, at: 0)
                }
                for technician in order {
                    guard let start = earliestStart(minutes, in: technicians[technician - 1]) else { continue }
                    if choice.map({ start < $0.start }) ?? true { choice = (technician, start) }
                }
            }
            guard let choice else { return nil }
            technicians[choice.technician - 1].append(choice.start..<(choice.start + minutes))
            technicians[choice.technician - 1].sort { $0.lowerBound < $1.lowerBound }
            busy[day] = technicians
            return Placement(day: day, technician: choice.technician, start: choice.start, end: choice.start + minutes)
        }

        /// Places a visit on the first working day from `first` through `last` with room for it.
        mutating func placeEarliest(minutes: Int, from first: Day, through last: Day) -> Placement? {
            var day = first
            while day <= last {
                if let placement = place(minutes: minutes, on: day) { return placement }
                day = day.adding(days: 1)
            }
            return nil
        }

        private func hasVisitsLeft(_ intervals: [Range<Int>]) -> Bool {
            settings.visitsPerTechnicianPerDay.map { intervals.count < $0 } ?? true
        }

        /// Whether a visit of `minutes` can start at `start` beside the busy `intervals`.
        private func fits(_ minutes: Int, at start: Int, in intervals: [Range<Int>]) -> Bool {
            guard hasVisitsLeft(intervals), calendar.opensAt <= start, start + minutes <= calendar.closesAt else { return false }
            let travel = settings.travelMinutes
            return intervals.allSatisfy { start + minutes + travel <= $0.lowerBound || $0.upperBound + travel <= start }
        }

        /// The earliest start for a visit of `minutes` beside the busy `intervals`, if any.
        private func earliestStart(_ minutes: Int, in intervals: [Range<Int>]) -> Int? {
            guard hasVisitsLeft(intervals) else { return nil }
            var start = calendar.opensAt
            for interval in intervals {
                if start + minutes + settings.travelMinutes <= interval.lowerBound { return start }
                start = max(start, interval.upperBound + settings.travelMinutes)
            }
            return start + minutes <= calendar.closesAt ? start : nil
        }
    }
}
