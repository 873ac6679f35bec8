import Foundation
import Hummingbird
import Importers
import LedgerStore
import TitleholdCore

/// What a page knows about its request: who asks, in which language, and where.
struct PageRequest: Sendable {
    var principal: Principal
    var language: PageLanguage
    /// The path without the query (`/items/CN0V7R2K`).
    var path: String
    /// The query items other than `lang`, to rebuild links to the same page in another language.
    var query: [(name: String, value: String)]
    /// A `?lang=` was given: remember it in a cookie for the next pages.
    var languageChosen: Bool

    func label(_ key: String) -> String { language.label(key) }
}

/// Renders the front-desk pages (issue 6, The pages): checks the role, picks the language,
/// renders `Resources/templates/pages/<name>.mustache` inside `pages/layout`, and answers in HTML —
/// also when something fails, so a person at the desk never sees JSON.
struct PageRenderer: Sendable {
    let env: ServiceEnvironment

    /// The page for a browser whose role allows it. Without an identity: 303 to
    /// `/login?next=<this page>` (the sign-in page, issue 6 Access); with a lower role: 403.
    func page(_ request: Request, _ context: ServerContext, role: Role, _ build: (PageRequest) throws -> Response) -> Response {
        let language = PageLanguage.resolve(
            query: request.uri.queryParameters.get("lang"), cookie: request.cookies[PageLanguage.cookie]?.value,
            acceptLanguage: request.headers[.acceptLanguage])
        guard let principal = context.identity else {
            return .redirect(to: "/login?next=" + Self.percentEncoded(Self.target(of: request)), type: .normal)
        }
        let query = Self.queryItems(request.uri.query).filter { $0.name != "lang" }
        let page = PageRequest(principal: principal, language: language, path: request.uri.path, query: query,
                               languageChosen: request.uri.queryParameters.get("lang").flatMap(PageLanguage.init(rawValue:)) != nil)
        guard principal.role.allows(role) else {
            return html(
                "forbidden",
                ["needed": role.rawValue, "has": principal.role.rawValue],
                title: page.label("forbiddenTitle"), page: page, status: .forbidden)
        }
        do {
            return try build(page)
        } catch {
            let (status, message) = Self.describe(error)
            return html("error", ["message": message], title: page.label("errorTitle"), page: page, status: status)
        }
    }

    /// `pages/<name>` rendered with `values`, inside the layout, as an HTML response.
    func html(_ name: String, _ values: [String: Any], title: String, page: PageRequest,
              status: HTTPResponse.Status = .ok) -> Response {
        let labels = page.language.labels
        var values = values
        values["t"] = labels
        values["lang"] = page.language.rawValue
        let body: String
        do { body = try env.print.templates.render(values, template: "pages/\(name)") } catch {
            return Self.plain(.internalServerError, "the page template pages/\(name) failed: \(error)")
        }
        let layout: [String: Any] = [
            "t": labels,
            "lang": page.language.rawValue,
            "title": title,
            "body": body,
            "user": page.principal.user,
            "role": page.principal.role.rawValue,
            "today": env.today().description,
            "nav": navigation(page),
            "languages": PageLanguage.allCases.map { language in
                ["code": language.rawValue, "href": link(page.path, page.query + [("lang", language.rawValue)]),
                 "current": language == page.language] as [String: Any]
            },
        ]
        let document: String
        do { document = try env.print.templates.render(layout, template: "pages/layout") } catch {
            return Self.plain(.internalServerError, "the page layout failed: \(error)")
        }
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: document)))
        if page.languageChosen {
            response.setCookie(Cookie(name: PageLanguage.cookie, value: page.language.rawValue, maxAge: 365 * 24 * 3600,
                                      path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// The menu, with only the pages the role may open.
    func navigation(_ page: PageRequest) -> [[String: Any]] {
        let entries: [(href: String, key: String, role: Role)] = [
            ("/", "navLookup", .intake), ("/intake", "navIntake", .intake), ("/flags", "navFlags", .finance),
            ("/dunning", "navDunning", .finance), ("/pickups", "navPickups", .finance),
        ]
        return entries.filter { page.principal.role.allows($0.role) }.map { entry in
            let active = entry.href == "/" ? (page.path == "/" || page.path.hasPrefix("/items")) : page.path.hasPrefix(entry.href)
            return ["href": entry.href, "label": page.label(entry.key), "active": active]
        }
    }

    /// `path?name=value&…`, each part percent-encoded.
    func link(_ path: String, _ query: [(name: String, value: String)]) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.percentEncoded($0.name))=\(Self.percentEncoded($0.value))" }.joined(separator: "&")
    }

    // MARK: Helpers

    /// The path and query the browser asked for, to come back to after signing in.
    static func target(of request: Request) -> String {
        let query = request.uri.query.map { "?\($0)" } ?? ""
        return request.uri.path + query
    }

    static func queryItems(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    /// Percent-encodes everything but the RFC 3986 unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        allowed = allowed.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The status and message of an error, as the JSON API would give them (a refused or unknown
    /// thing is the person's to fix; anything else is ours).
    static func describe(_ error: Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as LedgerError:
            return (error.message.hasPrefix("no ") ? .notFound : .unprocessableContent, error.message)
        case let error as HTTPError:
            return (error.status, error.body ?? error.status.reasonPhrase)
        case let error as ImportError:
            return (.badRequest, error.description)
        default:
            return (.internalServerError, "\(error)")
        }
    }

    /// The values without empty strings: Mustache renders a `{{#key}}` section for "" too, and
    /// an absent key is how the templates say "not known".
    static func dropEmpty(_ values: [String: Any]) -> [String: Any] {
        values.filter { !(($0.value as? String)?.isEmpty ?? false) }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// An SVG image response (the charts).
    static func svg(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A whole HTML document made elsewhere (the warranty sheet, the pickup manifest).
    static func document(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
