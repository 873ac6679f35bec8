import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the HTTP application: middleware, then the routes of each area. `titlehold serve` runs
/// it beside the scanner watcher in one service group that stops cleanly on SIGTERM/SIGINT
/// (`TitleholdService`).
public enum TitleholdServer {
    /// The router with every route, for the application and for route tests (HummingbirdTesting).
    public static func router(_ env: ServiceEnvironment) -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: env.metrics))
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: AccessRoutes.middleware(env))
        // The API first, and in it the items (the look-up is the service's most frequent request):
        // the router tries a path's components against each level's constant names in the order
        // they were registered, one string comparison each (issue 6, Speed: about 1 µs of a
        // look-up when `api` and `items` came after ten others).
        APIRoutes.register(on: router, env)
        router.get("/health") { _, _ in HealthStatus(status: "ok") }
        ServiceRoutes.register(on: router, env)
        IntakeRoutes.register(on: router, env)
        AccessRoutes.register(on: router, env)
        PageRoutes.register(on: router, env)
        return router
    }

    /// The HTTP application; `onServerRunning` gets the bound port (useful with port 0).
    public static func application(_ env: ServiceEnvironment, host: String, port: Int,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(env),
            configuration: .init(address: .hostname(host, port: port), serverName: "Titlehold"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: env.logger)
    }
}

struct HealthStatus: ResponseEncodable {
    var status: String
}
