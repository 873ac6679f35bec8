import Hummingbird

/// `/metrics` (Prometheus text format) and, for the speed benchmark only, `/bench/hello`.
///
/// Access to `/metrics` (decision): open when the service listens on a loopback address only
/// (the default 127.0.0.1: only programs on the machine reach it, such as a local Prometheus or
/// node exporter), otherwise an admin token or session; the `metrics` setting overrides it.
/// `/health` is always open (probes).
enum ServiceRoutes {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        router.get("/metrics") { _, context -> Response in
            if !env.metricsOpen { _ = try context.require(.admin) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: env.metrics.text())))
        }
        if env.benchRoutes {
            // The hello-world route beside which the look-up is measured (Benchmarks/ServerBenchmark).
            router.get("/bench/hello") { _, _ -> String in "Hello, world!" }
        }
    }
}
