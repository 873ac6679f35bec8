/// How much pickup work fits in a working day, and how long the client gets after a notice.
///
/// Capacity is data, not code (issue "Pickups", rules.md "Pickups": "Capacity per day and duration
/// per visit are configurable"). The working hours themselves come from the pickups
/// `BusinessCalendar` (art. 4.2 of the terms), so there is one calendar, not two: these settings
/// only say how many technicians go out, how many visits each may make, and how long a visit takes.
public struct PickupSettings: Sendable, Hashable, Codable {
    /// Technicians (vans, teams) that visit clients in parallel on a working day; at least 1.
    public let technicians: Int
    /// The most visits one technician makes on a day; `nil` when only the working hours limit it.
    public let visitsPerTechnicianPerDay: Int?
    /// Minutes a visit takes whatever it collects: access, talk with the client, signing.
    public let baseMinutesPerVisit: Int
    /// Extra minutes per item collected: finding, scanning, disconnecting and packing it.
    public let minutesPerItem: Int
    /// Minutes kept free between two visits of the same technician (travel, loading).
    public let travelMinutes: Int
    /// Working days the client gets between the pickup notice and the visit (default 2). Neither the
    /// day the notice was sent nor the day of the visit counts: a notice sent on a Friday gives the
    /// client Monday and Tuesday, and the earliest visit is on Wednesday.
    public let noticeWorkingDays: Int

    /// One technician, at most 4 visits a day, 30 minutes + 10 per item, 30 minutes between visits,
    /// 2 working days after the notice.
    public static let standard = PickupSettings(
        unchecked: 1, 4, 30, 10, 30, 2)

    /// Creates settings, checking that each number makes sense.
    public init(
        technicians: Int = 1, visitsPerTechnicianPerDay: Int? = 4, baseMinutesPerVisit: Int = 30,
        minutesPerItem: Int = 10, travelMinutes: Int = 30, noticeWorkingDays: Int = 2
    ) throws(PickupSettingsError) {
        func fail(_ message: String) -> PickupSettingsError { PickupSettingsError(line: nil, message: message) }
        guard technicians >= 1 else { throw fail("technicians must be at least 1, found \(technicians)") }
        if let visits = visitsPerTechnicianPerDay, visits < 1 {
            throw fail("visits-per-technician-per-day must be at least 1 (or 'unlimited'), found \(visits)")
        }
        guard baseMinutesPerVisit >= 1 else { throw fail("minutes-per-visit must be at least 1, found \(baseMinutesPerVisit)") }
        guard minutesPerItem >= 0 else { throw fail("minutes-per-item cannot be negative, found \(minutesPerItem)") }
        guard travelMinutes >= 0 else { throw fail("travel-minutes cannot be negative, found \(travelMinutes)") }
        guard noticeWorkingDays >= 0 else {
            throw fail("notice-working-days cannot be negative, found \(noticeWorkingDays)")
        }
        self.init(
            unchecked: technicians, visitsPerTechnicianPerDay, baseMinutesPerVisit, minutesPerItem, travelMinutes,
            noticeWorkingDays)
    }

    private init(unchecked technicians: Int, _ visits: Int?, _ base: Int, _ perItem: Int, _ travel: Int, _ notice: Int) {
        self.technicians = technicians; self.visitsPerTechnicianPerDay = visits; self.baseMinutesPerVisit = base
        self.minutesPerItem = perItem; self.travelMinutes = travel; self.noticeWorkingDays = notice
    }

    /// The minutes a visit collecting `items` items takes: the base time plus the time per item.
    public func visitMinutes(items: Int) -> Int { baseMinutesPerVisit + minutesPerItem * max(0, items) }

    /// The most visits all technicians together make on one day, `nil` when only hours limit it.
    public var visitsPerDay: Int? { visitsPerTechnicianPerDay.map { $0 * technicians } }
}

/// A problem in the pickup capacity settings: what is wrong and on which line of the file.
public struct PickupSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the settings text, `nil` when the problem is not tied to a line.
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) { self.line = line; self.message = message }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
