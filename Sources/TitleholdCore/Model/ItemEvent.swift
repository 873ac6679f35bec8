/// Something that happened to a delivered item after delivery that the service cannot detect
/// itself and records when told.
public struct ItemEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The item came back to the supplier (e.g. an RMA or a voluntary return).
        case returned
        /// Taken back from a client in default (art. 10.3).
        case repossessed
        /// Became a component of another good, e.g. RAM fitted in the client's server: title is lost (art. 5:14 BW).
        case incorporated
        /// Sold on by the client; in its normal course of business title passes to a buyer in good faith
        /// (art. 3:86 BW). Outside it (`outsideNormalCourse`) the sale breaches art. 10.2 and does not
        /// by itself end the supplier's title: the buyer could not assume the client was free to sell.
        case resold
        /// Pledged by the client: a breach of art. 10.2 that does not by itself change ownership.
        case pledged
        /// The supplier waived its retention of title (art. 3:92(3) BW).
        case waived
    }

    public var kind: Kind
    public var date: Day
    public var note: String?
    /// For `resold`: the sale was outside the client's normal course of business (art. 10.2).
    public var outsideNormalCourse: Bool

    public init(kind: Kind, date: Day, note: String? = nil, outsideNormalCourse: Bool = false) {
        self.kind = kind; self.date = date; self.note = note; self.outsideNormalCourse = outsideNormalCourse
    }

    /// A breach of art. 10.2: encumbering the goods, or selling them outside the normal course of business.
    public var breachesArticle10_2: Bool { kind == .pledged || (kind == .resold && outsideNormalCourse) }

    /// The item is no longer at the client's premises after this event (returned, repossessed,
    /// incorporated into another good, sold on).
    public var removesFromPremises: Bool { kind == .returned || kind == .repossessed || kind == .incorporated || kind == .resold }
}
