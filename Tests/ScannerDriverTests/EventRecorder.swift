import Foundation
import ScannerDriver

/// Collects a watcher's events from its threads and lets a test wait for a condition. The
/// waits have a generous deadline only so a broken driver fails the test instead of hanging
/// it; no test asserts on time.
final class EventRecorder: @unchecked Sendable {
    private let condition = NSCondition()
    private var recorded: [ScannerEvent] = []

    func record(_ event: ScannerEvent) {
        condition.lock()
        recorded.append(event)
        condition.broadcast()
        condition.unlock()
    }

    var events: [ScannerEvent] {
        condition.lock()
        defer { condition.unlock() }
        return recorded
    }

    func reports(from scanner: String? = nil) -> [ScannerReport] { Self.reports(in: events, from: scanner) }
    func attached() -> [ScannerInfo] { Self.attached(in: events) }
    func detached() -> [(name: String, reason: ScannerDetachReason)] { Self.detached(in: events) }

    static func reports(in events: [ScannerEvent], from scanner: String? = nil) -> [ScannerReport] {
        events.compactMap { event in
            guard case .report(let report) = event, scanner == nil || report.scanner == scanner else { return nil }
            return report
        }
    }

    static func attached(in events: [ScannerEvent]) -> [ScannerInfo] {
        events.compactMap { event in
            if case .attached(let info) = event { return info }
            return nil
        }
    }

    static func detached(in events: [ScannerEvent]) -> [(name: String, reason: ScannerDetachReason)] {
        events.compactMap { event in
            if case .detached(let name, let reason) = event { return (name, reason) }
            return nil
        }
    }

    /// Waits until `predicate` holds over the events; false if the deadline passed first. The
    /// predicate runs under the recorder's lock: it must use its argument, not the recorder.
    @discardableResult
    func wait(seconds: Double = 20, until predicate: ([ScannerEvent]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(recorded) {
            if !condition.wait(until: deadline) { return predicate(recorded) }
        }
        return true
    }

    @discardableResult
    func waitForReports(_ count: Int, from scanner: String? = nil) -> Bool {
        wait { Self.reports(in: $0, from: scanner).count >= count }
    }

    @discardableResult
    func waitForAttached(_ count: Int) -> Bool {
        wait { Self.attached(in: $0).count >= count }
    }

    @discardableResult
    func waitForDetached(_ count: Int) -> Bool {
        wait { Self.detached(in: $0).count >= count }
    }
}
