import Foundation
import Hummingbird
import HummingbirdAuth

/// The context of every request: who is asking (`identity`, set by the access middleware from a
/// bearer token or a session cookie), and JSON in the house style (snake_case keys, ISO dates as
/// the values encode themselves).
public struct ServerContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Uploads (e-invoices, bank statements) up to 20 MiB; larger bodies are refused before any rule runs.
    public var maxUploadSize: Int { 20 * 1024 * 1024 }

    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    public var responseEncoder: JSONResponseEncoder { JSONResponseEncoder() }

    /// The principal, or 401 when nobody signed in; 403 when its role is not enough.
    public func require(_ role: Role) throws -> Principal {
        guard let identity else { throw HTTPError(.unauthorized, message: "sign in or send a bearer token") }
        guard identity.role.allows(role) else {
            throw HTTPError(.forbidden, message: "this needs the role \(role.rawValue); \(identity.user) has \(identity.role.rawValue)")
        }
        return identity
    }
}
