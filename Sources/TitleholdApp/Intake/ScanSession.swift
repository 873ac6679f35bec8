/// What the person scanning is told about one scan.
public struct ScanAcknowledgement: Sendable, Encodable, Equatable {
    /// accepted, duplicate, product, agreement, undone, ended or rejected.
    public var status: String
    public var serial: String?
    public var gtin: String?
    /// The agreement scanned under (intake); the visit id (pickups at the door).
    public var agreement: String
    public var message: String
    /// Items accepted so far in the session.
    public var accepted: Int

    public init(status: String, serial: String?, gtin: String?, agreement: String, message: String, accepted: Int) {
        self.status = status; self.serial = serial; self.gtin = gtin; self.agreement = agreement; self.message = message
        self.accepted = accepted
    }
}

/// A scanning session the scanner loop (`ScannerIntake`) or standard input feeds: intake at a
/// delivery (`IntakeRunner`), or collecting goods at a pickup (`PickupScanRunner`). Each accepted
/// scan is written durably before `handle` returns its acknowledgement.
public protocol ScanSession: AnyObject {
    var isEnded: Bool { get }
    var acceptedCount: Int { get }
    func handle(_ text: String) -> ScanAcknowledgement
    /// The acknowledgement for a scan the scanner itself garbled.
    func rejection(_ message: String) -> ScanAcknowledgement
}
