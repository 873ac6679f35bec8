/// The roles of people and programs using the service (issue 6, Access):
/// - `intake`: scan deliveries, look items up;
/// - `finance`: also imports, dunning, letters, flags, client status, pickups;
/// - `admin`: also users, tokens, settings, export and erasure of a client's personal data (art. 30).
/// Each role includes what the roles before it may do.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case intake, finance, admin

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
    private var rank: Int { Role.allCases.firstIndex(of: self) ?? 0 }

    /// Whether this role may do what `needed` may.
    public func allows(_ needed: Role) -> Bool { self >= needed }
}

/// Who is making a request: a user signed in with a session, or a program with a bearer token.
public struct Principal: Sendable, Hashable {
    public enum Credential: String, Sendable, Hashable { case session, token }
    public var user: String
    public var role: Role
    public var credential: Credential

    public init(user: String, role: Role, credential: Credential) {
        self.user = user; self.role = role; self.credential = credential
    }

    /// How the event log names this principal (`actor` of every change made through the service).
    public var actor: String { "\(user) (\(credential.rawValue))" }
}
