import Hummingbird

/// The JSON API under /api (issue 6, The API): one enum per area, each calling the same App
/// services as the CLI. Every route is described in `Resources/openapi/openapi.yaml`, served at
/// `/openapi.yaml`; `OpenAPIConformanceTests` fails when a registered route is not documented.
enum APIRoutes {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        OpenAPIDocument.register(on: router)
        ItemsAPI.register(on: router, env)
        ImportsAPI.register(on: router, env)
        DunningAPI.register(on: router, env)
        FlagsAPI.register(on: router, env)
        ClientsAPI.register(on: router, env)
        PickupsAPI.register(on: router, env)
        AuditAPI.register(on: router, env)
    }
}
