/// The warranty status of an item (rules.md, "Warranty (art. 18)"): only the manufacturer's factory
/// warranty counts (art. 18.1), from the catalog's standard period or a recorded override.
public enum WarrantyRule {
    /// The default "expiring" window in days (rules.md: configurable, default 30).
    public static let defaultExpiringWindow = 30

    /// The status of `item` on `date`.
    ///
    /// - Start: the override's `from`, else the manufacturer's own start date, else the delivery date.
    /// - End (inclusive): the override's `until`; else for a period of N months, the day before the
    ///   same day of the month N months after the start; when that month has no such day (start on
    ///   the 31st, or 29 February), the last day of that month (as EU Regulation 1182/71 art. 3(2)(c)
    ///   counts months). 2026-03-15 + 12 months ends 2027-03-14; 2024-01-31 + 1 month ends 2024-02-29.
    /// - Days left: `end - date`, 0 on the last day. `expired` when negative, `expiring` when at most
    ///   `expiringWithin`, else `active`. A lifetime warranty is `active` with no end.
    /// - `unknown` when nothing matched in the catalog and no override is recorded.
    public static func status(item: WarrantyItem, catalog: WarrantyCatalog, override: WarrantyOverride?, on date: Day,
                              expiringWithin days: Int = defaultExpiringWindow) -> WarrantyStatus {
        let match = catalog.match(gtin: item.gtin, serial: item.serial, name: item.name, manufacturer: item.manufacturer)
        var reasons: [WarrantyReason] = []
        var status = WarrantyStatus(
            manufacturer: match?.entry.manufacturer ?? item.manufacturer, model: item.name ?? match.flatMap(familyName),
            state: .unknown, claimRoute: match?.entry.claimRoute, source: match?.entry.source, reasons: [])
        let itemStart = item.manufacturerStart ?? item.deliveredOn
        if let match { reasons.append(WarrantyReason(article: "18", text: "catalog: \(match)")) }

        if let override {
            status.start = override.from ?? itemStart
            status.end = override.until
            status.source = override.source
            reasons.append(WarrantyReason(
                article: "18",
                text: "warranty until \(override.until) recorded on \(override.recordedOn) from \(override.source); it replaces the catalog's standard period"))
        } else if let match {
            let entry = match.entry
            status.start = itemStart
            switch entry.period {
            case .months(let months):
                let end = lastDay(from: itemStart, months: months)
                status.end = end
                reasons.append(WarrantyReason(
                    article: "18", text: "standard warranty of \(label(entry)): \(months) months from \(itemStart), last day \(end)"))
            case .lifetime:
                reasons.append(WarrantyReason(
                    article: "18",
                    text: "\(label(entry)) has a limited lifetime warranty: it runs while the first owner owns the product, until the end of support the manufacturer announces; check the end at the manufacturer"))
            }
            if entry.startBasis == .ship && item.manufacturerStart == nil {
                reasons.append(WarrantyReason(
                    article: "18",
                    text: "\(entry.manufacturer) counts from its own ship date, usually a few days before the delivery on \(item.deliveredOn); look the item up and record the dates to be exact"))
            }
        } else {
            status.start = itemStart
            reasons.append(WarrantyReason(
                article: "18",
                text: "no catalog row matches this item (serial \(item.serial)\(item.gtin.map { ", GTIN \($0)" } ?? "")\(item.name.map { ", name '\($0)'" } ?? "")); look the warranty up at the manufacturer and record it"))
        }
        if item.manufacturerStart != nil && override?.from == nil {
            reasons.append(WarrantyReason(article: "18", text: "start \(itemStart) is the manufacturer's own date, not the delivery date \(item.deliveredOn)"))
        }

        if let end = status.end {
            let left = date.days(until: end)
            status.daysLeft = left
            status.state = left < 0 ? .expired : left <= days ? .expiring : .active
        } else if match?.entry.period == .lifetime && override == nil {
            status.state = .active
        }
        if let start = status.start, date < start, status.state != .unknown, status.state != .expired {
            reasons.append(WarrantyReason(article: "18", text: "the warranty starts on \(start), after \(date)"))
        }
        reasons.append(article18_1(claimRoute: status.claimRoute))
        status.reasons = reasons
        return status
    }

    /// The line every printed status carries (art. 18.1 of the terms).
    public static func article18_1(claimRoute: String?) -> WarrantyReason {
        WarrantyReason(
            article: "18.1",
            text: "the supplier gives no warranty on hardware beyond the manufacturer's factory warranty; claim it with the manufacturer: \(claimRoute ?? "see the manufacturer's support site or the product's documentation")")
    }

    /// The last day of a warranty of `months` months whose first day is `start` (inclusive).
    public static func lastDay(from start: Day, months: Int) -> Day {
        let sameDay = start.adding(months: months)
        // `adding(months:)` clamps to the month's end when the month has no such day: then the whole
        // month is covered; otherwise cover ends the day before the same day of the month.
        return sameDay.dayOfMonth < start.dayOfMonth ? sameDay : sameDay.adding(days: -1)
    }

    private static func label(_ entry: WarrantyCatalog.Entry) -> String {
        entry.isManufacturerDefault ? "\(entry.manufacturer) (product family unknown)" : "\(entry.manufacturer) \(entry.family)"
    }

    private static func familyName(_ match: WarrantyCatalog.Match) -> String? {
        match.entry.isManufacturerDefault ? nil : match.entry.family
    }
}
