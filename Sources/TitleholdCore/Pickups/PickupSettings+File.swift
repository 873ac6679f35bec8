extension PickupSettings {
    /// Reads `Resources/calendar/pickup-capacity.conf` text on top of `base`.
    ///
    /// One setting per line as `key = value`; blank lines and lines starting with `#` are ignored.
    /// Keys (each optional; a missing key keeps the value of `base`):
    /// - `technicians = 1`
    /// - `visits-per-technician-per-day = 4` (or `unlimited`: only the working hours limit visits)
    /// - `minutes-per-visit = 30` (base time of every visit)
    /// - `minutes-per-item = 10`
    /// - `travel-minutes = 30` (between two visits of one technician)
    /// - `notice-working-days = 2` (full working days between the pickup notice and the visit)
    ///
    /// The caller reads the file; this only parses text, so the planner never touches the disk.
    /// Every value is checked on its own line, so each error names the line to correct.
    public init(settings text: String, base: PickupSettings = .standard) throws(PickupSettingsError) {
        var technicians = base.technicians, visits = base.visitsPerTechnicianPerDay
        var perVisit = base.baseMinutesPerVisit, perItem = base.minutesPerItem
        var travel = base.travelMinutes, notice = base.noticeWorkingDays
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> PickupSettingsError { PickupSettingsError(line: lineNumber, message: message) }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected 'key = value', found '\(line)'") }
            let key = String(line[..<equals].trimmingSpaces.lowercased())
            let value = line[line.index(after: equals)...].trimmingSpaces
            func number(atLeast minimum: Int) throws(PickupSettingsError) -> Int {
                guard !value.isEmpty, value.count <= 6, value.allSatisfy(\.isASCIIDigit), let n = Int(value) else {
                    throw fail("\(key) must be a whole number, found '\(value)'")
                }
                guard n >= minimum else { throw fail("\(key) must be at least \(minimum), found \(n)") }
                return n
            }
            switch key {
            case "technicians": technicians = try number(atLeast: 1)
            case "visits-per-technician-per-day":
                visits = value.lowercased() == "unlimited" ? nil : try number(atLeast: 1)
            case "minutes-per-visit": perVisit = try number(atLeast: 1)
            case "minutes-per-item": perItem = try number(atLeast: 0)
            case "travel-minutes": travel = try number(atLeast: 0)
            case "notice-working-days": notice = try number(atLeast: 0)
            default:
                throw fail(
                    "unknown setting '\(key)'; known: technicians, visits-per-technician-per-day, minutes-per-visit, "
                        + "minutes-per-item, travel-minutes, notice-working-days")
            }
        }
        self = try PickupSettings(
            technicians: technicians, visitsPerTechnicianPerDay: visits, baseMinutesPerVisit: perVisit,
            minutesPerItem: perItem, travelMinutes: travel, noticeWorkingDays: notice)
    }
}
