import Foundation
import Prometheus

/// The service's Prometheus metrics (issue 6, The process): scans accepted and rejected, imports,
/// request latencies per route, open intake sessions, scanners attached. One registry per
/// service (not the process-wide swift-metrics bootstrap), so every test has its own counts.
///
/// Names follow the Prometheus conventions (`_total` for counters, `_seconds` for durations):
/// - `titlehold_scans_total{status}`: every scan acknowledged, by status (accepted, duplicate,
///   product, agreement, undone, ended, rejected);
/// - `titlehold_imports_total{kind,status}`: uploads of invoices (UBL) and payments (camt.053);
/// - `titlehold_http_request_duration_seconds{route,method,status}`: a histogram per route;
/// - `titlehold_intake_sessions_open`, `titlehold_scanners_attached`: gauges.
public final class ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let intakeSessionsOpen: Gauge
    public let scannersAttached: Gauge
    /// Latency buckets from 0.5 ms to 10 s: look-ups take about a millisecond, imports seconds.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        .seconds(10),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        intakeSessionsOpen = registry.makeGauge(descriptor: .init(
            namespace: "titlehold", metricName: "intake_sessions_open", unitName: "",
            helpText: "Intake sessions open now"))
        scannersAttached = registry.makeGauge(descriptor: .init(
            namespace: "titlehold", metricName: "scanners_attached", unitName: "",
            helpText: "USB scanners open and read now"))
        // Present from the start (at 0), so a dashboard sees the series before the first scan.
        for status in ["accepted", "rejected"] { _ = scanCounter(status) }
    }

    func scanCounter(_ status: String) -> Counter {
        registry.makeCounter(descriptor: .init(namespace: "titlehold", metricName: "scans", unitName: "total",
                                               helpText: "Scans acknowledged, by status"),
                             labels: [("status", status)])
    }

    /// Counts one acknowledged scan.
    public func scan(status: String) { scanCounter(status).increment() }

    /// Counts one import request (`kind`: invoices or payments) by its HTTP status.
    public func imported(kind: String, status: Int) {
        registry.makeCounter(descriptor: .init(namespace: "titlehold", metricName: "imports", unitName: "total",
                                               helpText: "Import uploads (invoices: UBL, payments: camt.053), by HTTP status"),
                             labels: [("kind", kind), ("status", String(status))]).increment()
    }

    /// Records how long one request took, under its route pattern (`/api/items/{serial}`, never
    /// the concrete path, so the number of series stays bounded).
    public func request(route: String, method: String, status: Int, nanoseconds: Int64) {
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "titlehold", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                              helpText: "Time from request to response head, by route pattern, method and status"),
            labels: [("route", route), ("method", method), ("status", String(status))], buckets: Self.buckets
        ).recordNanoseconds(nanoseconds)
    }

    /// The exposition text (Prometheus text format 0.0.4).
    public func text() -> String { registry.emitToString() }
}
