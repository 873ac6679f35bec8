import Foundation
import Hummingbird
import Logging
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
}
