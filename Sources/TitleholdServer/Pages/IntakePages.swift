import Hummingbird

/// The live intake pages (issue 6, The pages). `/intake` opens a session for a client and order
/// with `POST /api/intake/sessions` (from the page's script, with the browser's session cookie)
/// and lists the open ones; `/intake/{id}` follows `GET /api/intake/sessions/{id}/events`
/// (server-sent events) and shows every scan the moment it is committed: green when accepted,
/// red with the reason when not, with a count per product. The session endpoints are the
/// service's (Intake/); these pages only render and script them.
struct IntakePages {
    let renderer: PageRenderer

    func start(page: PageRequest) -> Response {
        renderer.html("intake", [:], title: page.label("intakeTitle"), page: page)
    }

    func live(session id: String, page: PageRequest) -> Response {
        renderer.html("intake-live", ["session": id], title: "\(page.label("intakeLive")) \(id)", page: page)
    }
}
