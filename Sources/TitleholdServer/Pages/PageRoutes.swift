import Hummingbird

/// The server-rendered front-desk pages (issue 6, The pages), in Dutch and English, from the
/// Mustache templates in `Resources/templates/pages/`. Each page needs a role — look-up and
/// intake: `intake`; flags, dunning, pickups: `finance` — and sends a browser that is not signed
/// in to `/login?next=…`.
enum PageRoutes {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        let renderer = PageRenderer(env: env)
        let lookup = LookupPage(env: env, renderer: renderer)
        let intake = IntakePages(renderer: renderer)
        let flags = FlagsPage(env: env, renderer: renderer)
        let dunning = DunningPage(env: env, renderer: renderer)
        let pickups = PickupsPage(env: env, renderer: renderer)

        // Look-up
        router.get("/") { request, context in
            renderer.page(request, context, role: .intake) { page in
                try lookup.response(input: request.uri.queryParameters.get("serial"),
                                    gtin: request.uri.queryParameters.get("gtin").flatMap { $0.isEmpty ? nil : $0 }, page: page)
            }
        }
        router.get("/items/:serial") { request, context in
            renderer.page(request, context, role: .intake) { page in
                try lookup.response(input: PageRoutes.parameter("serial", context),
                                    gtin: request.uri.queryParameters.get("gtin").flatMap { $0.isEmpty ? nil : $0 }, page: page)
            }
        }
        router.get("/items/:serial/warranty-sheet") { request, context in
            renderer.page(request, context, role: .intake) { _ in
                try lookup.warrantySheet(serial: PageRoutes.parameter("serial", context),
                                         gtin: request.uri.queryParameters.get("gtin").flatMap { $0.isEmpty ? nil : $0 })
            }
        }

        // Live intake
        router.get("/intake") { request, context in
            renderer.page(request, context, role: .intake) { page in intake.start(page: page) }
        }
        router.get("/intake/:id") { request, context in
            renderer.page(request, context, role: .intake) { page in
                let id = PageRoutes.parameter("id", context)
                guard !id.isEmpty, id.count <= 100, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw HTTPError(.notFound, message: "no intake session '\(id)'")
                }
                return intake.live(session: id, page: page)
            }
        }

        // Finance
        router.get("/flags") { request, context in
            renderer.page(request, context, role: .finance) { page in try flags.response(page: page) }
        }
        router.get("/dunning") { request, context in
            renderer.page(request, context, role: .finance) { page in try dunning.response(page: page) }
        }
        router.get("/pickups") { request, context in
            renderer.page(request, context, role: .finance) { page in try pickups.response(page: page) }
        }
        router.post("/pickups/plan") { request, context in
            renderer.page(request, context, role: .finance) { page in
                try pickups.response(page: page, outcome: pickups.plan(principal: page.principal))
            }
        }
        router.get("/pickups/:visit/manifest") { request, context in
            renderer.page(request, context, role: .finance) { _ in try pickups.manifest(visit: PageRoutes.parameter("visit", context)) }
        }

        // Charts (SVG made on the server)
        router.get("/charts/receivables.svg") { request, context in
            renderer.page(request, context, role: .finance) { page in
                let today = env.today()
                return PageRenderer.svg(
                    PageCharts.receivables(try dunning.reports(on: today), on: today, language: page.language).svg(id: "receivables"))
            }
        }
        router.get("/charts/warranty-expiries.svg") { request, context in
            renderer.page(request, context, role: .intake) { page in
                let today = env.today()
                let counts = try PageCharts.expiryCounts(service: env.warranty, ledger: env.ledger, on: today)
                return PageRenderer.svg(PageCharts.warrantyExpiries(counts, on: today, language: page.language).svg(id: "warranty"))
            }
        }
    }

    /// A path parameter, percent-decoded.
    static func parameter(_ name: String, _ context: ServerContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}
