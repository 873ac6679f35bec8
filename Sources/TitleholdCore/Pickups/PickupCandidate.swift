/// One client site with items that may be taken back (art. 10.3 of the terms): the input of
/// `PickupPlanner.plan`.
///
/// The caller (the store and the ownership/eligibility rules) decides which items are eligible and
/// not blocked (rules.md "Repossession eligibility"); the planner only schedules them. A site is the
/// delivery address recorded at delivery, or else the invoice address: one visit per site.
public struct PickupCandidate: Sendable, Hashable, Codable {
    /// An item to collect.
    public struct Item: Sendable, Hashable, Codable {
        public var serial: String
        public var description: String
        /// The item's value at risk (its price, excluding VAT, art. 13.1).
        public var value: Cents

        public init(serial: String, description: String, value: Cents) {
            self.serial = serial; self.description = description; self.value = value
        }
    }

    public var clientID: Int64
    public var clientName: String
    /// The site's address as one line of text ("Keizersgracht 1, 1015 CJ Amsterdam").
    public var siteAddress: String
    /// The eligible, unblocked items at this site.
    public var items: [Item]
    /// The first day the client was in default or in payment difficulties (art. 10.3); older
    /// defaults are visited first when the values at risk are equal. `nil` when unknown.
    public var inDefaultSince: Day?
    /// When the pickup notice (which cites the access clause of art. 10.3) was sent to the client;
    /// `nil` when none was sent: the client gets a notice letter first and no visit is planned.
    public var noticeSentOn: Day?
    /// The last day on which a block holds for the whole site (a cooling-off period, art. 63a/241a
    /// Fw; the 4 weeks after notifying the tax collector, art. 22bis Iw). The site is visited from
    /// the next day on. Items blocked on their own are left out of `items` by the caller.
    public var blockedUntil: Day?

    public init(
        clientID: Int64, clientName: String, siteAddress: String, items: [Item], inDefaultSince: Day? = nil,
        noticeSentOn: Day? = nil, blockedUntil: Day? = nil
    ) {
        self.clientID = clientID; self.clientName = clientName; self.siteAddress = siteAddress; self.items = items
        self.inDefaultSince = inDefaultSince; self.noticeSentOn = noticeSentOn; self.blockedUntil = blockedUntil
    }

    /// The total value at risk at this site: the planner visits the largest first.
    public var valueAtRisk: Cents { items.reduce(.zero) { $0 + $1.value } }

    /// The site's identity: the client and its address, compared without case, spacing or punctuation
    /// differences, so "Keizersgracht 1,  Amsterdam" and "keizersgracht 1 amsterdam" are one site.
    public var site: PickupSite { PickupSite(clientID: clientID, address: siteAddress) }
}

/// A client site: the unit of one visit (one visit per client site, issue "Planning").
public struct PickupSite: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let clientID: Int64
    /// The address folded for comparison: lower case, letters and digits only, single spaces.
    public let normalizedAddress: String

    public init(clientID: Int64, address: String) {
        self.clientID = clientID
        var words: [String] = []
        var word = ""
        for character in address.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word); word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        normalizedAddress = words.joined(separator: " ")
    }

    /// 8 hexadecimal digits derived from client and address (FNV-1a, 32 bits): the same site gives the
    /// same key on every machine and in every run, unlike Swift's `hashValue`.
    public var key: String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in "\(clientID)\u{1F}\(normalizedAddress)".utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    public static func < (a: PickupSite, b: PickupSite) -> Bool {
        (a.clientID, a.normalizedAddress) < (b.clientID, b.normalizedAddress)
    }

    public var description: String { "client \(clientID) at \(normalizedAddress)" }
}
