/// Why a client status entry cannot be recorded: each case names the dates and the article, so
/// the person recording it can correct the entry (`--since`, `--cooling-off-until`).
public enum ClientStatusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A cooling-off period under `normal` or `difficulties`: only a court procedure has one.
    case coolingOffNotAllowed(status: ClientStatus, until: Day)
    /// The period's last day comes before its first.
    case endsBeforeStart(start: Day, end: Day)
    /// A first period longer than the statute allows.
    case firstPeriodTooLong(status: ClientStatus, start: Day, end: Day, latestEnd: Day, article: String)
    /// An extension beyond the statutory limit.
    case extensionTooLong(status: ClientStatus, start: Day, firstEnd: Day, requestedEnd: Day, latestEnd: Day, article: String)
    /// The period was extended already: the law allows one extension.
    case secondExtension(status: ClientStatus, start: Day, firstEnd: Day, extendedEnd: Day, requestedEnd: Day, article: String)
    /// An extension dated after the period ended: an ended period cannot be extended.
    case extensionAfterEnd(status: ClientStatus, end: Day, orderedOn: Day, article: String)
    /// An entry dated before the entry recorded before it.
    case outOfOrder(since: Day, previousSince: Day, previousStatus: ClientStatus)

    public var description: String {
        switch self {
        case let .coolingOffNotAllowed(status, until):
            return "a cooling-off period (until \(until)) can only be ordered in bankruptcy (63a Fw), surseance (241a Fw) "
                + "or a WHOA composition (376 Fw); the status '\(status.rawValue)' has none: leave out --cooling-off-until"
        case let .endsBeforeStart(start, end):
            return "the cooling-off period would end on \(end), before it starts on \(start)"
        case let .firstPeriodTooLong(status, start, end, latest, article):
            return "a cooling-off period in \(status.procedure) starting \(start) may last until \(latest) at most "
                + "(art. \(article)), not until \(end); record a longer period as an extension"
        case let .extensionTooLong(status, start, firstEnd, requested, latest, article):
            return "the cooling-off period in \(status.procedure) from \(start), first ending \(firstEnd), can be extended "
                + "until \(latest) at most (art. \(article)), not until \(requested)"
        case let .secondExtension(status, start, firstEnd, extendedEnd, requested, article):
            return "the cooling-off period in \(status.procedure) from \(start) was already extended once, from \(firstEnd) "
                + "to \(extendedEnd); art. \(article) allows one extension, so it cannot run until \(requested)"
        case let .extensionAfterEnd(status, end, orderedOn, article):
            return "the cooling-off period in \(status.procedure) ended on \(end); an extension from \(orderedOn) comes after "
                + "its end (art. \(article)). If the court extended it on or before \(end), record it with --since that day"
        case let .outOfOrder(since, previousSince, previousStatus):
            return "a status since \(since) comes before the last recorded one ('\(previousStatus.rawValue)' since "
                + "\(previousSince)); record statuses in the order they took effect"
        }
    }
}
