import TitleholdApp

/// An open live-intake session as the API shows it (`POST/GET /api/intake/sessions`).
public struct IntakeSessionInfo: Sendable, Encodable, Equatable {
    public var id: String
    public var client: String
    /// The agreement the next item goes under (a `TH:ORDER:` scan switches it).
    public var agreement: String
    /// The USB scanner (bus path, e.g. `1-1.2`) whose scans go to this session, if any.
    public var scanner: String?
    /// Who opened it (the event-log actor, or `scanner 1-1.2` for a session opened by control barcodes).
    public var openedBy: String
    /// Items accepted so far.
    public var accepted: Int
}

/// What a session's event stream carries (`GET /api/intake/sessions/{id}/events`): each scan's
/// acknowledgement after it was committed or refused, then the end. `sequence` numbers the
/// events of a session from 1 (the SSE `id:`), so a client reconnecting with `Last-Event-ID`
/// gets only what it missed.
public enum IntakeEvent: Sendable, Equatable {
    case scan(ScanAcknowledgement, sequence: Int)
    case end(IntakeSessionInfo, reason: String, sequence: Int)

    public var sequence: Int {
        switch self {
        case .scan(_, let s), .end(_, _, let s): s
        }
    }
}
