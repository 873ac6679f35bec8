import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TitleholdApp
import TitleholdResources

/// The whole service of `titlehold serve` (issue 6, The process): the HTTP server, the live
/// intake hub and the USB scanner watcher in one `ServiceGroup` that shuts down gracefully on
/// SIGTERM and SIGINT.
///
/// Services stop in the reverse of their order here: first the scanner watcher (no new
/// scans; the ones already read are handed on), then the intake hub (every session ends, its
/// event streams close, later scans are refused with 503), then the HTTP server (it stops
/// accepting and finishes the requests in flight). Every scan is committed before it is
/// acknowledged, so none is half-written; the database closes when the process ends.
public enum TitleholdService {
    public static func run(_ env: ServiceEnvironment, settings: ServiceSettings,
                           onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let app = TitleholdServer.application(env, host: settings.host, port: settings.port, onServerRunning: onRunning)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: app, serviceName: "http"),
            .init(service: IntakeHubService(hub: env.intake), serviceName: "intake-hub"),
        ]
        if settings.scanners {
            let layout = try ReportDecoder.layout(named: settings.scannerLayout, in: ResourceLocator.url("keyboard-layouts"))
            let scanners = ScannerService(hub: env.intake, layout: layout, suffix: settings.scannerSuffix, today: env.today,
                                          logger: env.logger)
            // Without USB it returns at once; the rest of the service goes on.
            services.append(.init(service: scanners, successTerminationBehavior: .ignore, serviceName: "scanners"))
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: env.logger))
        try await group.run()
    }

    /// Makes the HTTP server's event loops (NIO's singleton group, which `Application` uses) run
    /// Swift concurrency's jobs too, instead of a separate pool of threads. A request's handler
    /// then runs on the thread that read the request, without being handed to another thread and
    /// back (issue 6, Speed: that hand-over cost more than the hello-world request itself).
    ///
    /// The process-wide choice of `titlehold serve`, made before the service starts; later calls
    /// do nothing. The cost: blocking work in a handler (a SQLite read, a password hash) holds up
    /// the other connections of its event loop, as it held up a thread of the pool before.
    /// Returns whether the event loops run the jobs.
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool { concurrencyOnEventLoops }

    private static let concurrencyOnEventLoops: Bool =
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
