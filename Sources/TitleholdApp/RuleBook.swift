import Foundation
import TitleholdCore
import TitleholdResources

/// The data the rules run on, read from `Resources/` (a person corrects these files, not code):
/// the statutory interest rates, the calendar of statutory terms, the pickups calendar, and the
/// dunning terms. Read once per command; a file that is wrong stops the command with its line.
public struct RuleBook: Sendable {
    public var interestTable: StatutoryInterestTable
    /// Rolls dunning terms past weekends and public holidays (art. 1 Atw, art. 13.4).
    public var statutoryCalendar: BusinessCalendar
    /// The supplier's working days and hours for pickups (art. 4.2).
    public var pickupCalendar: BusinessCalendar
    public var dunning: DunningSettings
    /// Pickup capacity: technicians, visits per day, minutes per visit and item (art. 4.2, 10.3).
    public var pickups: PickupSettings

    public init(interestTable: StatutoryInterestTable, statutoryCalendar: BusinessCalendar,
                pickupCalendar: BusinessCalendar, dunning: DunningSettings, pickups: PickupSettings = .standard) {
        self.interestTable = interestTable; self.statutoryCalendar = statutoryCalendar
        self.pickupCalendar = pickupCalendar; self.dunning = dunning; self.pickups = pickups
    }

    /// Loads the rule book from the resources folder. `TITLEHOLD_NOTICE_TERM_DAYS` sets the term
    /// of the notice of default (art. 13.4 leaves it to the supplier; default 14 days).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuleBook {
        let rates = try read("rates/statutory-interest.tsv")
        let table: StatutoryInterestTable
        do { table = try StatutoryInterestTable(tsv: rates) } catch {
            throw RuleBookError("Resources/rates/statutory-interest.tsv: \(error)")
        }
        var dunning = DunningSettings.standard
        if let text = environment["TITLEHOLD_NOTICE_TERM_DAYS"], !text.isEmpty {
            guard let days = Int(text), (1...90).contains(days) else {
                throw RuleBookError("TITLEHOLD_NOTICE_TERM_DAYS is '\(text)'; give a number of days from 1 to 90")
            }
            dunning.noticeTermDays = days
        }
        var pickups = PickupSettings.standard
        if FileManager.default.fileExists(atPath: ResourceLocator.url("calendar/pickup-capacity.conf").path) {
            do { pickups = try PickupSettings(settings: try read("calendar/pickup-capacity.conf")) } catch {
                throw RuleBookError("Resources/calendar/pickup-capacity.conf: \(error)")
            }
        }
        return RuleBook(
            interestTable: table,
            statutoryCalendar: try calendar("calendar/statutory-terms.conf", base: .statutoryTerms),
            pickupCalendar: try calendar("calendar/pickups.conf", base: .pickups),
            dunning: dunning, pickups: pickups)
    }

    static func calendar(_ path: String, base: BusinessCalendar) throws -> BusinessCalendar {
        let url = ResourceLocator.url(path)
        // A missing file falls back to the built-in values (the file's own comment says so).
        guard FileManager.default.fileExists(atPath: url.path) else { return base }
        do { return try BusinessCalendar(settings: try read(path), base: base) } catch {
            throw RuleBookError("Resources/\(path): \(error)")
        }
    }

    static func read(_ path: String) throws -> String {
        let url = ResourceLocator.url(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RuleBookError("cannot read \(url.path); set TITLEHOLD_RESOURCES to the Resources folder")
        }
        return text
    }
}

/// A resource file that is missing or wrong.
public struct RuleBookError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
