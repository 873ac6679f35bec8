import Foundation
import Hummingbird

/// The sign-in page (issue 6, Access): plain HTML from `Resources/templates/pages/login.html.mustache`,
/// in Dutch or English — `?lang=nl|en`, else the browser's Accept-Language, else Dutch.
struct LoginPage {
    enum Language: String, CaseIterable { case nl, en }

    var language: Language
    var failed = false
    var signedOut = false
    var user: String?
    var next: String?

    func render(_ env: ServiceEnvironment) throws -> String {
        let other: Language = language == .nl ? .en : .nl
        var href = "/login?lang=\(other.rawValue)"
        if let next { href += "&next=" + LoginRedirect.queryEscaped(next) }
        let values: [String: Any] = [
            "lang": language.rawValue, "nl": language == .nl, "en": language == .en,
            "failed": failed, "signedOut": signedOut,
            "hasUser": !(user ?? "").isEmpty, "user": user ?? "",
            "hasNext": next != nil, "next": next ?? "",
            "otherLang": other.rawValue, "otherLanguageHref": href,
        ]
        do { return try env.print.templates.render(values, template: "pages/login.html") } catch {
            throw HTTPError(.internalServerError, message: "the sign-in page cannot be shown: \(error.description)")
        }
    }

    /// The page as a response: never cached, never framed (a sign-in form inside another site's
    /// frame is how clickjacking steals clicks).
    func response(_ env: ServiceEnvironment, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                           .contentSecurityPolicy: "frame-ancestors 'none'"],
                 body: .init(byteBuffer: ByteBuffer(string: try render(env))))
    }

    /// `?lang=` when it names a language we have, else the first of ours in Accept-Language by
    /// weight (RFC 9110 §12.5.4), else Dutch.
    static func language(of request: Request) -> Language {
        if let asked = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) { return asked }
        return language(acceptLanguage: request.headers[.acceptLanguage])
    }

    static func language(acceptLanguage header: String?) -> Language {
        guard let header else { return .nl }
        var best: (language: Language, weight: Double)?
        for (position, part) in header.split(separator: ",").enumerated() {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased(),
                  let language = Language.allCases.first(where: { tag == $0.rawValue || tag.hasPrefix($0.rawValue + "-") })
            else { continue }
            var weight = 1.0
            for field in fields.dropFirst() where field.hasPrefix("q=") { weight = Double(field.dropFirst(2)) ?? 0 }
            // Earlier entries win ties: a small penalty by position keeps the header's order.
            let ranked = weight - Double(position) * 1e-6
            if weight > 0, ranked > (best?.weight ?? -1) { best = (language, ranked) }
        }
        return best?.language ?? .nl
    }
}

/// Where to go after signing in. Only a path on this server is followed; anything that could
/// leave it (`https://evil.example/`, `//evil.example`, `/\evil.example`) becomes `/`: an open
/// redirect would let a phishing link use our sign-in page to send people elsewhere.
enum LoginRedirect {
    static func target(_ next: String?) -> String {
        guard let next, isLocalPath(next) else { return "/" }
        let path = next.split(separator: "?", maxSplits: 1).first.map(String.init) ?? next
        return path == "/login" || path == "/logout" ? "/" : next
    }

    static func isLocalPath(_ text: String) -> Bool {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 2048 else { return false }
        // Printable ASCII only, and no backslash (browsers read `\` as `/`).
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
