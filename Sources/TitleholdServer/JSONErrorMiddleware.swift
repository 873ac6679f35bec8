import Foundation
import Hummingbird
import Importers
import LedgerStore
import TitleholdApp

/// Turns every error into a JSON body a person can act on, with the right status:
/// a refused write (`LedgerError`) is 422, an unreadable upload (`ImportError`) 400, an
/// `HTTPError` keeps its status, anything else is 500 and is logged.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    struct Body: Encodable { var error: String; var status: Int }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Self.response(error.status, error.body ?? error.status.reasonPhrase)
        } catch let error as LedgerError {
            return Self.response(error.message.hasPrefix("no ") ? .notFound : .unprocessableContent, error.message)
        } catch let error as ImportError {
            return Self.response(.badRequest, error.description)
        } catch let error as RuleBookError {
            return Self.response(.internalServerError, error.description)
        } catch let error as DecodingError {
            return Self.response(.badRequest, "the request body is not what this endpoint takes: \(error)")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return Self.response(.internalServerError, "internal error: \(error)")
        }
    }

    static func response(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Body(error: message, status: status.code))) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
