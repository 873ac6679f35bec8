import Foundation
import Hummingbird
import LedgerStore
import Logging
import TitleholdApp
import TitleholdCore

/// The live intake sessions of the running service (issue 6, Live intake): each wraps an
/// `IntakeRunner` (the same session logic as `titlehold intake`), takes scans from the API and
/// from the USB scanner bound to it, and streams every acknowledgement to its subscribers.
///
/// An actor, so scans are handled one at a time: each is committed (durably) or refused before
/// the next starts and before anyone is told. `shutdown()` (SIGTERM) ends every session; later
/// scans are refused with 503, so a scan is never half-written.
///
/// Scanners: a scanner named by a session (`scanner` = its bus path) feeds that session. An
/// unbound scanner can open a session by itself with control barcodes (decision):
/// `TH:CLIENT:<client>` then `TH:ORDER:<reference>`; any other scan on it is refused and logged.
public actor LiveIntakeHub {
    final class Live {
        var info: IntakeSessionInfo
        let runner: IntakeRunner
        var events: [IntakeEvent] = []
        var subscribers: [UUID: AsyncStream<IntakeEvent>.Continuation] = [:]
        init(info: IntakeSessionInfo, runner: IntakeRunner) { self.info = info; self.runner = runner }
    }

    /// Events kept per session for subscribers that connect late or reconnect.
    static let historyLimit = 10_000

    let ledger: LedgerDatabase
    let metrics: ServiceMetrics
    let logger: Logger
    private var sessions: [String: Live] = [:]
    private var order: [String] = []
    private var stopping = false
    /// Client chosen with `TH:CLIENT:` on a scanner not bound to a session.
    private var pendingClients: [String: String] = [:]
    private var attached = Set<String>()

    public init(ledger: LedgerDatabase, metrics: ServiceMetrics, logger: Logger) {
        self.ledger = ledger; self.metrics = metrics; self.logger = logger
    }

    // MARK: Sessions

    /// Opens a session for `client` under `agreement`; `scanner` binds a USB scanner to it.
    public func open(client: String, agreement: String, scanner: String?, actor: String,
                     today: @escaping @Sendable () -> Day) throws -> IntakeSessionInfo {
        guard !stopping else { throw Self.stoppingError }
        let client = client.trimmingCharacters(in: .whitespaces), agreement = agreement.trimmingCharacters(in: .whitespaces)
        guard !client.isEmpty, !agreement.isEmpty else {
            throw HTTPError(.badRequest, message: "an intake session needs a client and an agreement (order, quote or contract number)")
        }
        if let scanner, let holder = sessions.values.first(where: { $0.info.scanner == scanner }) {
            throw HTTPError(.conflict, message: "scanner \(scanner) already feeds intake session \(holder.info.id); end that one first")
        }
        var id = Self.newID()
        while sessions[id] != nil { id = Self.newID() }
        let info = IntakeSessionInfo(id: id, client: client, agreement: agreement, scanner: scanner, openedBy: actor, accepted: 0)
        let runner = IntakeRunner(ledger: ledger, client: client, agreement: agreement, today: today,
                                  context: ChangeContext(command: "intake session \(id)", actor: actor))
        sessions[id] = Live(info: info, runner: runner)
        order.append(id)
        if let scanner { pendingClients[scanner] = nil }
        metrics.intakeSessionsOpen.set(Double(sessions.count))
        logger.info("intake session opened", metadata: ["session": "\(id)", "client": "\(client)", "agreement": "\(agreement)",
                                                        "scanner": "\(scanner ?? "-")", "actor": "\(actor)"])
        return info
    }

    /// The open sessions, oldest first.
    public func openSessions() -> [IntakeSessionInfo] { order.compactMap { sessions[$0]?.info } }

    public func session(_ id: String) throws -> IntakeSessionInfo { try live(id).info }

    /// Handles one scan for the session: committed or refused before this returns.
    public func scan(_ text: String, session id: String, actor: String) throws -> ScanAcknowledgement {
        guard !stopping else { throw Self.stoppingError }
        let live = try live(id)
        live.runner.context = ChangeContext(command: "api intake scan (session \(id))", actor: actor)
        return record(live.runner.handle(text), in: live)
    }

    /// The session's events from `after` (exclusive; nil = from the start), then live ones until it ends.
    public func subscribe(_ id: String, after: Int? = nil) throws -> AsyncStream<IntakeEvent> {
        let live = try live(id)
        let (stream, continuation) = AsyncStream<IntakeEvent>.makeStream(bufferingPolicy: .unbounded)
        for event in live.events where event.sequence > (after ?? 0) { continuation.yield(event) }
        let key = UUID()
        live.subscribers[key] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id, key) } }
        return stream
    }

    /// Subscribers listening to the session now (for tests and the page).
    public func subscriberCount(_ id: String) -> Int { sessions[id]?.subscribers.count ?? 0 }

    /// Ends the session: subscribers get `end` and their streams finish.
    @discardableResult
    public func end(_ id: String, reason: String) throws -> IntakeSessionInfo {
        let live = try live(id)
        finish(live, reason: reason)
        return live.info
    }

    /// SIGTERM/SIGINT: refuses every later scan and ends every session.
    public func shutdown() {
        stopping = true
        for id in order { if let live = sessions[id] { finish(live, reason: "the service is stopping") } }
        logger.info("intake hub stopped")
    }

    // MARK: Scanners

    /// A scan from the USB scanner `name`: to its session, or a control barcode opening one.
    /// Nil when the service is stopping (the scan is refused; nothing is written).
    public func scannerScan(_ text: String, scanner name: String, today: @escaping @Sendable () -> Day) -> ScanAcknowledgement? {
        guard !stopping else {
            logger.warning("scan refused: the service is stopping", metadata: ["scanner": "\(name)"])
            return nil
        }
        if let live = sessions.values.first(where: { $0.info.scanner == name }) {
            live.runner.context = ChangeContext(command: "scanner \(name) (session \(live.info.id))", actor: live.info.openedBy)
            return record(live.runner.handle(text), in: live)
        }
        let ack = unboundScan(text, scanner: name, today: today)
        metrics.scan(status: ack.status)
        logger.info("scan on unbound scanner", metadata: ["scanner": "\(name)", "status": "\(ack.status)", "message": "\(ack.message)"])
        return ack
    }

    /// A report the scanner garbled.
    public func scannerRejected(_ reason: String, scanner name: String) {
        let message = "scanner \(name): \(reason); scan again"
        if let live = sessions.values.first(where: { $0.info.scanner == name }) {
            _ = record(live.runner.rejection(message), in: live)
        } else {
            metrics.scan(status: "rejected")
            logger.info("unreadable scan", metadata: ["scanner": "\(name)", "reason": "\(reason)"])
        }
    }

    public func scannerAttached(_ name: String) { attached.insert(name); metrics.scannersAttached.set(Double(attached.count)) }
    public func scannerDetached(_ name: String) { attached.remove(name); metrics.scannersAttached.set(Double(attached.count)) }
    public var attachedScanners: [String] { attached.sorted() }

    // MARK: Inside

    private func unboundScan(_ text: String, scanner name: String, today: @escaping @Sendable () -> Day) -> ScanAcknowledgement {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let upper = trimmed.uppercased()
        func ack(_ status: String, _ message: String, agreement: String = "") -> ScanAcknowledgement {
            ScanAcknowledgement(status: status, serial: nil, gtin: nil, agreement: agreement, message: message, accepted: 0)
        }
        if upper.hasPrefix("TH:CLIENT:") {
            let client = trimmed.dropFirst("TH:CLIENT:".count).trimmingCharacters(in: .whitespaces)
            guard !client.isEmpty else { return ack("rejected", "TH:CLIENT: needs a client after the colon") }
            pendingClients[name] = client
            return ack("client", "scanner \(name): client \(client); now scan TH:ORDER:<reference> to start")
        }
        if upper.hasPrefix("TH:ORDER:"), let client = pendingClients[name] {
            let reference = trimmed.dropFirst("TH:ORDER:".count).trimmingCharacters(in: .whitespaces)
            guard !reference.isEmpty else { return ack("rejected", "TH:ORDER: needs a reference after the colon") }
            do {
                let info = try open(client: client, agreement: reference, scanner: name, actor: "scanner \(name)", today: today)
                return ack("agreement", "scanner \(name): session \(info.id) opened for \(client) under \(reference)",
                           agreement: reference)
            } catch {
                return ack("rejected", "\(error)")
            }
        }
        return ack("rejected", "scanner \(name) feeds no intake session: open one for it on the intake page, "
                   + "or scan TH:CLIENT:<client> then TH:ORDER:<reference>")
    }

    private func record(_ ack: ScanAcknowledgement, in live: Live) -> ScanAcknowledgement {
        live.info.agreement = live.runner.agreement
        live.info.accepted = live.runner.acceptedCount
        metrics.scan(status: ack.status)
        publish(.scan(ack, sequence: (live.events.last?.sequence ?? 0) + 1), in: live)
        logger.info("scan", metadata: ["session": "\(live.info.id)", "status": "\(ack.status)", "serial": "\(ack.serial ?? "-")",
                                       "agreement": "\(ack.agreement)"])
        if live.runner.isEnded { finish(live, reason: "ended by a TH:END scan") }
        return ack
    }

    private func publish(_ event: IntakeEvent, in live: Live) {
        live.events.append(event)
        if live.events.count > Self.historyLimit { live.events.removeFirst(live.events.count - Self.historyLimit) }
        for continuation in live.subscribers.values { continuation.yield(event) }
    }

    private func finish(_ live: Live, reason: String) {
        guard sessions[live.info.id] != nil else { return }
        publish(.end(live.info, reason: reason, sequence: (live.events.last?.sequence ?? 0) + 1), in: live)
        let subscribers = live.subscribers
        live.subscribers = [:]
        for continuation in subscribers.values { continuation.finish() }
        sessions[live.info.id] = nil
        order.removeAll { $0 == live.info.id }
        metrics.intakeSessionsOpen.set(Double(sessions.count))
        logger.info("intake session ended", metadata: ["session": "\(live.info.id)", "accepted": "\(live.info.accepted)",
                                                       "reason": "\(reason)"])
    }

    private func unsubscribe(_ id: String, _ key: UUID) { sessions[id]?.subscribers[key] = nil }

    private func live(_ id: String) throws -> Live {
        guard let live = sessions[id] else { throw HTTPError(.notFound, message: "no open intake session \(id)") }
        return live
    }

    static let stoppingError = HTTPError(.serviceUnavailable, message: "the service is stopping; nothing was written, scan again once it is back")

    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<6).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
