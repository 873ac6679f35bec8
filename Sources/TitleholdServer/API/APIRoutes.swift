import Hummingbird

/// The JSON API under /api (issue 6, The API): one enum per area, each calling the same App
/// services as the CLI. Every route is described in `Resources/openapi/openapi.yaml`, served at
/// `/openapi.yaml`; `OpenAPIConformanceTests` fails when a registered route is not documented.
enum APIRoutes {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        ItemsAPI.register(on: router, env)  // first: the look-up resolves first (TitleholdServer.router)
        OpenAPIDocument.register(on: router)
        ImportsAPI.register(on: router, env)
        DunningAPI.register(on: router, env)
        FlagsAPI.register(on: router, env)
        ClientsAPI.register(on: router, env)
        PickupsAPI.register(on: router, env)
        AuditAPI.register(on: router, env)
    }
}
