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
        /// Sold on by the client; in its normal course of business title passes to a buyer in good faith (art. 3:86 BW).
        case resold
        /// Pledged by the client: a breach of art. 10.2 that does not by itself change ownership.
        case pledged
        /// The supplier waived its retention of title (art. 3:92(3) BW).
        case waived
    }

    public var kind: Kind
    public var date: Day
    public var note: String?

    public init(kind: Kind, date: Day, note: String? = nil) {
        self.kind = kind; self.date = date; self.note = note
    }
}
