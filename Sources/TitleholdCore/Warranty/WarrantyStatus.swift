/// An item as the warranty rule needs it (rules.md, "Warranty (art. 18)").
public struct WarrantyItem: Sendable, Hashable {
    public var serial: String
    public var gtin: String?
    /// The product name from the invoice line or the delivery ("Dell Latitude 5440").
    public var name: String?
    /// The brand, when known from the invoice or the scan; restricts the catalog to its rows.
    public var manufacturer: String?
    public var deliveredOn: Day
    /// The start date the manufacturer itself records (its ship or registration date), when looked up.
    public var manufacturerStart: Day?

    public init(serial: String, gtin: String? = nil, name: String? = nil, manufacturer: String? = nil,
                deliveredOn: Day, manufacturerStart: Day? = nil) {
        self.serial = serial; self.gtin = gtin; self.name = name; self.manufacturer = manufacturer
        self.deliveredOn = deliveredOn; self.manufacturerStart = manufacturerStart
    }
}

/// A warranty recorded for one item (`titlehold warranty set`): looked up at the vendor, or an
/// extension (a care pack). It replaces the catalog's standard period.
public struct WarrantyOverride: Sendable, Hashable, Codable {
    /// The first day of cover, when the vendor states it; otherwise the item's start is used.
    public var from: Day?
    /// The last day of cover (inclusive).
    public var until: Day
    /// Where the dates come from ("Dell support site 2026-03-02", "HP Care Pack U9BA3E").
    public var source: String
    public var recordedOn: Day

    public init(from: Day? = nil, until: Day, source: String, recordedOn: Day) {
        self.from = from; self.until = until; self.source = source; self.recordedOn = recordedOn
    }
}

/// One reason behind a warranty status, with the article of the terms it rests on.
public struct WarrantyReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An article of the general terms ("18.1") or "18" for the warranty chapter as a whole.
    public var article: String
    public var text: String

    public init(article: String, text: String) { self.article = article; self.text = text }

    /// `text (art. 18.1)`.
    public var description: String { "\(text) (art. \(article))" }
}

/// The factory warranty of one item on one day (art. 18: the supplier passes on the manufacturer's
/// warranty only).
public struct WarrantyStatus: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Covered, more than the window's days left (or a lifetime warranty).
        case active
        /// Covered, `daysLeft` at most the window (0 on the last day).
        case expiring
        /// The last day of cover has passed.
        case expired
        /// Nothing tells the period: no catalog row matched and nothing was recorded.
        case unknown
    }

    public var manufacturer: String?
    /// The item's name, else the product family of the catalog row ("Latitude 5000/7000/9000").
    public var model: String?
    public var start: Day?
    /// The last day of cover, inclusive; `nil` when unknown or for a lifetime warranty.
    public var end: Day?
    /// Days from the status date to `end`: 0 on the last day, negative once expired.
    public var daysLeft: Int?
    public var state: State
    public var claimRoute: String?
    /// Where the period comes from: the catalog's source or the recorded override's.
    public var source: String?
    /// Why, in order; always contains the art. 18.1 line (see `WarrantyRule.article18_1`).
    public var reasons: [WarrantyReason]

    public init(manufacturer: String? = nil, model: String? = nil, start: Day? = nil, end: Day? = nil, daysLeft: Int? = nil,
                state: State, claimRoute: String? = nil, source: String? = nil, reasons: [WarrantyReason]) {
        self.manufacturer = manufacturer; self.model = model; self.start = start; self.end = end; self.daysLeft = daysLeft
        self.state = state; self.claimRoute = claimRoute; self.source = source; self.reasons = reasons
    }
}
