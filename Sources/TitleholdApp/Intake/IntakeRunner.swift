import Foundation
import LedgerStore
import TitleholdCore

/// Carries out an intake session's actions against the ledger. Every accepted item is written
/// (committed, durable: WAL with `synchronous = FULL`) before its acknowledgement is returned,
/// so an acknowledged scan is never lost.
public final class IntakeRunner: ScanSession {
    let ledger: LedgerDatabase
    let client: String
    let today: @Sendable () -> Day
    var session: IntakeSession
    /// Items recorded in this session, newest last (for undo).
    private(set) var recorded: [(id: Int64, serial: String)] = []
    public private(set) var isEnded = false
    public var acceptedCount: Int { recorded.count }
    /// Who writes: the event log's command and actor for the next scans (the service sets the
    /// signed-in user or the scanner; the CLI leaves `intake`).
    public var context: ChangeContext

    public init(ledger: LedgerDatabase, client: String, agreement: String, today: @escaping @Sendable () -> Day,
                context: ChangeContext = ChangeContext(command: "intake")) {
        self.ledger = ledger
        self.client = client
        self.today = today
        self.session = IntakeSession(agreement: agreement)
        self.context = context
    }

    /// The agreement the next item is delivered under (a `TH:ORDER:` scan switches it).
    public var agreement: String { session.agreement }

    /// Handles one scan (as the scanner sent it, or one line of standard input).
    public func handle(_ text: String) -> ScanAcknowledgement {
        let action = session.handle(text)
        let agreement = session.agreement
        func ack(_ status: String, _ message: String, serial: String? = nil, gtin: String? = nil) -> ScanAcknowledgement {
            ScanAcknowledgement(status: status, serial: serial, gtin: gtin, agreement: agreement, message: message,
                            accepted: recorded.count)
        }
        switch action {
        case .deliver(let serial, let gtin, let raw, let agreement):
            let delivery = Delivery(client: client, agreement: agreement, serial: serial, gtin: gtin, date: today(), rawScan: raw)
            do {
                switch try ledger.deliver(delivery, context: context) {
                case .recorded(let id):
                    recorded.append((id, delivery.serial))
                    return ack("accepted", "recorded \(delivery.serial)\(gtin.map { " (GTIN \($0))" } ?? "") under \(agreement)",
                               serial: delivery.serial, gtin: delivery.gtin)
                case .alreadyDelivered(_, let on):
                    return ack("duplicate", "\(delivery.serial) was already delivered to \(client) on \(on); nothing changed",
                               serial: delivery.serial, gtin: delivery.gtin)
                }
            } catch {
                return ack("rejected", "\(error)", serial: delivery.serial, gtin: delivery.gtin)
            }
        case .awaitSerial(let gtin, let replaced):
            let note = replaced.map { "; product \($0) scanned before it had no serial and was dropped" } ?? ""
            return ack("product", "product \(gtin): now scan its serial\(note)", gtin: gtin)
        case .switchAgreement(let reference):
            return ack("agreement", "now delivering under \(reference)")
        case .undo:
            guard let last = recorded.last else { return ack("rejected", "nothing to undo in this session") }
            do {
                try ledger.undoDelivery(itemID: last.id, context: context)
                recorded.removeLast()
                return ack("undone", "undid \(last.serial)", serial: last.serial)
            } catch {
                return ack("rejected", "could not undo \(last.serial): \(error)", serial: last.serial)
            }
        case .end:
            isEnded = true
            return ack("ended", "session ended: \(recorded.count) item(s) recorded")
        case .reject(let reason):
            return ack("rejected", reason)
        }
    }

    public func rejection(_ message: String) -> ScanAcknowledgement {
        ScanAcknowledgement(status: "rejected", serial: nil, gtin: nil, agreement: session.agreement, message: message,
                            accepted: recorded.count)
    }
}
