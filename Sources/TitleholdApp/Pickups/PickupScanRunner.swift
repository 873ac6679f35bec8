import LedgerStore
import TitleholdCore

/// Scanning at the door (`titlehold pickups scan`): the intake session's state machine reads the
/// scans (a serial, a product then its serial, or a barcode with both; TH:END ends), and each
/// serial on the visit's manifest is recorded as repossessed — durably, before it is
/// acknowledged. A serial not on the manifest is refused with the reason. When the session ends
/// the visit is closed: all collected, or some not found (those stay flagged for a next visit).
public final class PickupScanRunner: ScanSession {
    let ledger: LedgerDatabase
    let visitID: String
    let today: @Sendable () -> Day
    var session: IntakeSession
    /// Who scans, for the event log (the CLI command, or the API user).
    let context: ChangeContext
    public private(set) var isEnded = false
    public private(set) var acceptedCount = 0

    public init(ledger: LedgerDatabase, visit: String, today: @escaping @Sendable () -> Day,
                context: ChangeContext = ChangeContext(command: "pickups scan")) throws {
        let stored = try ledger.visit(visit)
        guard stored.state == .planned else {
            throw LedgerError("visit \(stored.visit.id) is closed (\(stored.outcome?.rawValue ?? "")); plan again for what is left")
        }
        self.ledger = ledger
        self.visitID = stored.visit.id
        self.today = today
        self.context = context
        self.session = IntakeSession(agreement: stored.visit.id)
    }

    public func handle(_ text: String) -> ScanAcknowledgement {
        func ack(_ status: String, _ message: String, serial: String? = nil, gtin: String? = nil) -> ScanAcknowledgement {
            ScanAcknowledgement(status: status, serial: serial, gtin: gtin, agreement: visitID, message: message,
                                accepted: acceptedCount)
        }
        switch session.handle(text) {
        case .deliver(let serial, let gtin, _, _):
            do {
                let result = try ledger.repossess(serial: serial, visit: visitID, on: today(),
                                                  context: context)
                if result.duplicate { return ack("duplicate", "\(serial) was already collected on this visit", serial: serial) }
                acceptedCount += 1
                return ack("accepted", "collected \(serial): recorded as repossessed (art. 10.3)", serial: serial, gtin: gtin)
            } catch {
                return ack("rejected", "\(error)", serial: serial, gtin: gtin)
            }
        case .awaitSerial(let gtin, _):
            return ack("product", "product \(gtin): now scan its serial", gtin: gtin)
        case .switchAgreement:
            return ack("rejected", "order barcodes do not apply at a pickup; scan the items' serials")
        case .undo:
            return ack("rejected", "a repossession is not undone by scanning; tell the office")
        case .end:
            isEnded = true
            return ack("ended", "scanning ended: \(acceptedCount) item(s) collected")
        case .reject(let reason):
            return ack("rejected", reason)
        }
    }

    public func rejection(_ message: String) -> ScanAcknowledgement {
        ScanAcknowledgement(status: "rejected", serial: nil, gtin: nil, agreement: visitID, message: message, accepted: acceptedCount)
    }

    /// Closes the visit with what was collected: all collected, or some not found.
    public func close(note: String? = nil) throws -> StoredVisit {
        let stored = try ledger.visit(visitID)
        let outcome: StoredVisit.Outcome = stored.collected.count == stored.visit.serials.count ? .allCollected : .someNotFound
        return try ledger.closeVisit(visitID, outcome: outcome, on: today(), note: note, context: context)
    }
}
