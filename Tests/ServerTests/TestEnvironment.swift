import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Logging
import TitleholdApp
import TitleholdCore
@testable import TitleholdServer

/// A new folder in the system's temporary directory, removed when the last reference to it goes.
final class TemporaryFolder: Sendable {
    let url: URL

    init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(prefix + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A service on a fresh demo ledger with the day fixed at 2026-11-25, and a bearer token per role.
/// Its temporary folder (the ledger, letters) is removed when the test is done with it: when the
/// last copy goes, also when the test fails.
struct TestService {
    let env: ServiceEnvironment
    let tokens: [Role: String]
    private let temporary: TemporaryFolder
    var folder: URL { temporary.url }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    init(today: String = "2026-11-25") throws {
        temporary = try TemporaryFolder(prefix: "titlehold-server-")
        let folder = temporary.url
        let ledger = try LedgerDatabase.open(path: folder.appendingPathComponent("ledger.sqlite").path)
        _ = try DemoLedger.build(into: ledger, from: Self.packageRoot.appendingPathComponent("Resources/demo"))
        var env = try ServiceEnvironment.load(ledger: ledger, scope: .client, logger: Logger(label: "test"))
        let day = Day(iso: today)!
        env.today = { day }
        self.env = env
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            // Cost 4: the slow hash is the production setting; tests only need a real bcrypt hash.
            try Accounts.addUser("\(role.rawValue)-user", password: "correct horse battery", role: role, in: ledger, cost: 4,
                                 context: ChangeContext(command: "test"))
            tokens[role] = try ledger.createToken(user: "\(role.rawValue)-user", label: "test", context: ChangeContext(command: "test")).token
        }
        self.tokens = tokens
    }

    var application: some ApplicationProtocol {
        Application(router: TitleholdServer.router(env), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    func bearer(_ role: Role) -> HTTPFields { [.authorization: "Bearer \(tokens[role] ?? "")"] }
}

extension ByteBuffer {
    /// The body as JSON.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(String(buffer: self).utf8)) }
}
