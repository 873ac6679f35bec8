import Foundation
import LedgerStore
import TitleholdApp
import TitleholdCore

/// The scanning sessions at the door, one per visit, kept between requests so that a product
/// barcode and the serial scanned after it pair up as they do on `titlehold pickups scan`.
/// Each scan is written durably before its acknowledgement is returned; `TH:END` closes the visit
/// (all collected, or some not found) and ends the session.
final class PickupDoorSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var runners: [String: PickupScanRunner] = [:]

    /// The outcome of one scan: the acknowledgement, and the visit when the scan ended it.
    struct Scanned {
        var acknowledgement: ScanAcknowledgement
        var closed: StoredVisit?
    }

    /// Hands `text` to the visit's session, opening one when needed.
    func scan(_ text: String, visit: String, env: ServiceEnvironment, context: ChangeContext) throws -> Scanned {
        lock.lock()
        defer { lock.unlock() }
        let stored = try env.ledger.visit(visit)
        let id = stored.visit.id
        let runner: PickupScanRunner
        if let open = runners[id] { runner = open } else {
            runner = try PickupScanRunner(ledger: env.ledger, visit: id, today: env.today, context: context)
            runners[id] = runner
        }
        let acknowledgement = runner.handle(text)
        guard runner.isEnded else { return Scanned(acknowledgement: acknowledgement, closed: nil) }
        runners[id] = nil
        return Scanned(acknowledgement: acknowledgement, closed: try runner.close())
    }

    /// Forgets the session of a visit closed another way (`POST /api/pickups/{visit}/close`).
    func forget(_ visit: String) {
        lock.lock()
        defer { lock.unlock() }
        runners[visit] = nil
    }
}
