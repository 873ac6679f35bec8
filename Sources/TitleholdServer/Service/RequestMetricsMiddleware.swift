import Hummingbird
import TitleholdCore

/// Times every request and counts imports into `ServiceMetrics` (issue 6: request latencies,
/// imports). Runs outside the error middleware so that refused requests are measured with the
/// status they were answered with.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServiceMetrics

    /// Upload routes counted as imports, by kind.
    static let importRoutes: [String: String] = ["/api/invoices": "invoices", "/api/payments": "payments"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = Int(response.status.code)
        } catch {
            record(request, context, status: Int((error as? any HTTPResponseError)?.status.code ?? 500), since: start)
            throw error
        }
        record(request, context, status: status, since: start)
        return response
    }

    private func record(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let nanoseconds = (ContinuousClock.now - start).wholeNanoseconds
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, method: request.method.rawValue, status: status, nanoseconds: nanoseconds)
        if request.method == .post, let kind = Self.importRoutes[route] { metrics.imported(kind: kind, status: status) }
    }
}
