import Foundation
import ScannerDriver
import TitleholdResources

/// Feeds a scanning session (intake, or pickups at the door) from USB scanners read through libusb: every scanner plugged in (or
/// the one `--device` names) is read, each with its own decoder, picked up again after a replug.
public struct ScannerIntake {
    public var device: String?
    public var idleExit: Double?
    public var count: Int?
    /// The keyboard layout wedge scanners are set to, and the suffix they send after a scan
    /// besides (or instead of) Enter.
    public var layout: String
    public var suffix: String

    public init(device: String?, idleExit: Double?, count: Int?, layout: String = "us", suffix: String = "") {
        self.device = device; self.idleExit = idleExit; self.count = count; self.layout = layout; self.suffix = suffix
    }

    /// A queue of watcher events handed from libusb's event thread to the session.
    final class EventQueue: @unchecked Sendable {
        private let lock = NSCondition()
        private var events: [ScannerEvent] = []
        func push(_ event: ScannerEvent) { lock.lock(); events.append(event); lock.signal(); lock.unlock() }
        func pop(timeout: Double?) -> ScannerEvent? {
            lock.lock(); defer { lock.unlock() }
            let deadline = timeout.map { Date().addingTimeInterval($0) }
            while events.isEmpty {
                if let deadline { guard lock.wait(until: deadline) else { return nil } } else { lock.wait() }
            }
            return events.removeFirst()
        }
    }

    public func run(runner: some ScanSession, report: (ScanAcknowledgement) -> Void) throws {
        let keyboardLayout = try ReportDecoder.layout(named: layout, in: ResourceLocator.url("keyboard-layouts"))
        let selectors = try device.map { [try USBDeviceSelector(parsing: $0)] } ?? []
        let table = try ScannerTable.load(from: ResourceLocator.url("scanners/scanners.tsv"))
        let context = try USBContext()
        let queue = EventQueue()
        let watcher = ScannerWatcher(context: context, matcher: ScannerMatcher(table: table, selectors: selectors)) {
            queue.push($0)
        }
        defer { watcher.stop(); context.close() }
        try watcher.start()
        var decoders = ScannerDecoders(layout: keyboardLayout, suffix: suffix)
        while !runner.isEnded {
            guard let event = queue.pop(timeout: idleExit) else { return }
            switch decoders.handle(event) {
            case .attached(let name, let vidPid):
                FileHandle.standardError.write(Data("scanner \(name) (\(vidPid)) attached\n".utf8))
            case .detached(let name, let reason):
                FileHandle.standardError.write(Data("scanner \(name) detached: \(reason)\n".utf8))
            case .failed(let name, let error):
                FileHandle.standardError.write(Data("scanner \(name) could not be read: \(error)\n".utf8))
            case .nothing: break
            case .scan(let name, let text):
                let ack = runner.handle(text)
                report(ack)
                if ack.status == "accepted" { decoders.acknowledge(name, on: watcher) }
            case .rejected(let name, let reason):
                report(runner.rejection("scanner \(name): \(reason); scan again"))
            }
            if let count, runner.acceptedCount >= count { return }
        }
    }
}
