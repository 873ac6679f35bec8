/// One reason behind a dunning, cost or limitation decision, with the article that decided it
/// (rules.md: every decision the service prints says which rule decided it). `article` is an
/// article of the general terms ("13.4", "12.1") or of a statute ("6:96(6) BW", "Atw 1").
public struct DunningReason: Sendable, Hashable, CustomStringConvertible {
    public var article: String
    public var text: String

    public init(article: String, text: String) { self.article = article; self.text = text }

    /// `text (art. 13.4)`.
    public var description: String { "\(text) (art. \(article))" }
}

/// The terms and assumptions of the dunning timeline (art. 13.4 of the terms).
public struct DunningSettings: Sendable, Hashable, Codable {
    /// Art. 13.4: the 1st reminder asks for payment within 14 days.
    public var reminder1TermDays: Int
    /// Art. 13.4: the 2nd reminder asks for payment within 7 days.
    public var reminder2TermDays: Int
    /// The term of the notice of default (ingebrekestelling, art. 6:82 BW: "a reasonable term");
    /// the terms do not fix it, 14 days by default.
    public var noticeTermDays: Int
    /// Days a letter is assumed to take to reach the client. Only used where the law counts from
    /// receipt: the 14-day letter to consumers (art. 6:96(6) BW; HR 25-11-2016,
    /// ECLI:NL:HR:2016:2704). Two days makes its term end about 16 days after the letter's date.
    public var assumedPostalDays: Int

    public init(reminder1TermDays: Int = 14, reminder2TermDays: Int = 7, noticeTermDays: Int = 14, assumedPostalDays: Int = 2) {
        self.reminder1TermDays = reminder1TermDays; self.reminder2TermDays = reminder2TermDays
        self.noticeTermDays = noticeTermDays; self.assumedPostalDays = assumedPostalDays
    }

    /// The terms of art. 13.4 with a 14-day notice of default and 2 days' post.
    public static let standard = DunningSettings()

    /// Art. 6:96(6) BW: the free reminder to a consumer gives 14 days; the law fixes this.
    public static let consumerFreeLetterDays = 14
}
