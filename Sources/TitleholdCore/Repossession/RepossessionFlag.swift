/// The answer to "may the supplier take this item back on this date?" (art. 10.3), with what
/// blocks the pickup and until when, and every reason with its article.
///
/// Encodes (for `titlehold flags --json`) as `serial`, `itemID`, `asOf`, `eligible`, `isBlocked`,
/// `blockedUntil` (always present: `null` when nothing blocks or a block has no end yet),
/// `mayPickUp`, `blocks`, `breaches` and `reasons`; dates as `YYYY-MM-DD`.
public struct RepossessionFlag: Sendable, Hashable, Encodable {
    /// Something that stops an eligible item from being picked up yet.
    public struct Block: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            /// A cooling-off period is in force: only with the court's permission (63a, 241a, 376 Fw).
            case coolingOff = "cooling-off"
            /// The tax collector was notified; its four weeks have not passed (22bis(5) Iw).
            case taxNotice = "tax-notice"
            /// The tax collector must be notified first (22bis(2) Iw): no notice yet, or the last one lapsed.
            case taxNoticeMissing = "tax-notice-missing"
        }

        public var kind: Kind
        /// The first day on which this block no longer applies (the pickup may happen that day);
        /// `nil` when it has no end yet (a notice still to be sent).
        public var until: Day?
        public var article: String
        public var text: String

        public init(kind: Kind, until: Day?, article: String, text: String) {
            self.kind = kind; self.until = until; self.article = article; self.text = text
        }
    }

    public var serial: String
    public var itemID: Int64
    /// The date the flag was decided for.
    public var asOf: Day
    /// All three conditions of art. 10.3 hold: owned by the supplier, still at the client, and the
    /// client in default or in payment difficulties.
    public var eligible: Bool
    /// What blocks the pickup of an eligible item (empty when not eligible).
    public private(set) var blocks: [Block]
    /// The first day on which no block applies any more: the latest `until` of the blocks, or
    /// `nil` when a block has no end date yet or nothing blocks. So `isBlocked` can be true with a
    /// `nil` date: read `isBlocked` first.
    public private(set) var blockedUntil: Day?
    /// Breaches of art. 10.2 recorded on or before the date (pledged; sold outside the normal
    /// course of business), shown whether or not the item is eligible. Not repeated in `reasons`.
    public var breaches: [RepossessionReason]
    /// Why the item is or is not eligible, and what blocks it, in that order.
    public var reasons: [RepossessionReason]

    public init(serial: String, itemID: Int64, asOf: Day, eligible: Bool, blocks: [Block],
                breaches: [RepossessionReason], reasons: [RepossessionReason]) {
        self.serial = serial; self.itemID = itemID; self.asOf = asOf; self.eligible = eligible; self.blocks = blocks
        self.breaches = breaches; self.reasons = reasons
        let ends = blocks.map(\.until)
        self.blockedUntil = ends.contains(where: { $0 == nil }) ? nil : ends.compactMap { $0 }.max()
    }

    /// The last day a block holds (`blockedUntil` minus one day), for callers that count blocks
    /// inclusively, such as `PickupCandidate.blockedUntil`; `nil` like `blockedUntil`.
    public var lastBlockedDay: Day? { blockedUntil?.adding(days: -1) }

    /// Whether something blocks the pickup on `asOf` (see `blocks`; `blockedUntil` may be `nil` then).
    public var isBlocked: Bool { !blocks.isEmpty }

    /// Eligible and not blocked: the item may be picked up on `asOf` (art. 10.3).
    public var mayPickUp: Bool { eligible && !isBlocked }

    private enum CodingKeys: String, CodingKey {
        case serial, itemID, asOf, eligible, isBlocked, blockedUntil, mayPickUp, blocks, breaches, reasons
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(serial, forKey: .serial)
        try c.encode(itemID, forKey: .itemID)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(eligible, forKey: .eligible)
        try c.encode(isBlocked, forKey: .isBlocked)
        try c.encode(blockedUntil, forKey: .blockedUntil)  // explicit null, not left out
        try c.encode(mayPickUp, forKey: .mayPickUp)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(breaches, forKey: .breaches)
        try c.encode(reasons, forKey: .reasons)
    }
}
