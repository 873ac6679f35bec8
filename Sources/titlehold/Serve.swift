import ArgumentParser
import Foundation
import LedgerStore
import Logging
import TitleholdApp
import TitleholdResources
import TitleholdServer

/// `titlehold serve`: the HTTP service with live intake from USB scanners (issue 6, The process).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the service: HTTP API, front-desk pages and live intake (stops cleanly on SIGTERM/SIGINT).",
        discussion: """
            Settings come from the config file (--config, $TITLEHOLD_CONFIG, else /etc/titlehold/titlehold.conf if it \
            exists; `key = value` lines), then TITLEHOLD_* environment variables, then these flags: a flag wins. \
            A USB scanner not bound to a session opens one with the control barcodes TH:CLIENT:<client> then TH:ORDER:<reference>.
            """)

    @Option(name: .long, help: "Config file of `key = value` lines.") var config: String?
    @Option(name: .long, help: "The ledger database (default: $TITLEHOLD_DB, else $XDG_DATA_HOME/titlehold/titlehold.sqlite).")
    var db: String?
    @Option(name: .long, help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(name: .long, help: "Port (default 8080; 0 picks a free one).") var port: String?
    @Option(name: .long, help: "Which unpaid claims retain an item: client (default), agreement or invoice.") var scope: String?
    @Option(name: .customLong("letters-dir"), help: "Folder letters are written to (default: letters/ beside the database).")
    var lettersDir: String?
    @Option(name: .customLong("log-format"), help: "Log lines on standard error: logfmt (default) or json.") var logFormat: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info (default), notice, warning, error, critical.")
    var logLevel: String?
    @Option(name: .long, help: "Who may read /metrics: auto (default: open on loopback, else admin), open, admin.")
    var metrics: String?
    @Option(name: .long, help: "Read USB scanners: on (default) or off.") var scanners: String?
    @Option(name: .customLong("scanner-layout"), help: "Keyboard layout of keyboard-wedge scanners: us (default), de, fr.")
    var scannerLayout: String?
    @Option(name: .customLong("scanner-suffix"), help: "Characters a wedge scanner sends after a scan besides Enter.")
    var scannerSuffix: String?
    @Option(name: .customLong("bench-routes"), help: "1 adds GET /bench/hello for the speed benchmark.") var benchRoutes: String?
    @Flag(name: .long, help: "Build the demo ledger into an empty database and create a demo admin (password printed once).")
    var demo = false

    var flags: [String: String] {
        let pairs: [(String, String?)] = [
            ("db", db), ("host", host), ("port", port), ("scope", scope), ("letters-dir", lettersDir), ("log-format", logFormat),
            ("log-level", logLevel), ("metrics", metrics), ("scanners", scanners), ("scanner-layout", scannerLayout),
            ("scanner-suffix", scannerSuffix), ("bench-routes", benchRoutes),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    func run() async throws {
        TitleholdService.runConcurrencyOnEventLoops()
        let environment = ProcessInfo.processInfo.environment
        let settings = try Self.settings(flags: flags, config: config, environment: environment)
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: settings.logFormat, level: level) }
        let logger = Logger(label: "titlehold")

        let path = LedgerLocation.resolve(explicit: settings.db, environment: environment)
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        let ledger: LedgerDatabase
        do { ledger = try LedgerDatabase.open(path: path) } catch { throw CLIError("cannot open the ledger at \(path): \(error)") }
        let signIn = demo ? try userFacing { try Self.prepareDemo(ledger, path: path) } : nil

        var env = try userFacing { try ServiceEnvironment.load(ledger: ledger, scope: settings.ownershipScope, logger: logger) }
        env.metricsOpen = settings.metricsOpen
        env.benchRoutes = settings.benchRoutes
        env.lettersDirectory = settings.lettersDir.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("letters")
        logger.info("starting", metadata: ["db": "\(path)", "host": "\(settings.host)", "port": "\(settings.port)",
                                           "scanners": "\(settings.scanners)", "metrics_open": "\(settings.metricsOpen)"])
        let host = settings.host
        do {
            try await TitleholdService.run(env, settings: settings) { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                var text = "Titlehold listening on http://\(shown):\(port)/\n"
                if let signIn { text += signIn }
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch let error as ReportDecoder.LayoutError {
            throw CLIError(error.message)
        }
        logger.info("stopped")
    }

    /// The settings from the config file, the environment and the flags (flag wins).
    static func settings(flags: [String: String], config: String?, environment: [String: String]) throws -> ServiceSettings {
        var text: String?
        var name = "config file"
        if let file = ServiceSettings.configFile(flag: config, environment: environment,
                                                 exists: { FileManager.default.fileExists(atPath: $0) }) {
            name = file.path
            do { text = try String(contentsOfFile: file.path, encoding: .utf8) } catch {
                throw CLIError("cannot read the config file \(file.path): \(error.localizedDescription)")
            }
        }
        do { return try ServiceSettings.resolve(fileText: text, fileName: name, environment: environment, flags: flags) } catch {
            throw CLIError(error.description)
        }
    }

    /// `--demo`: the demo ledger in an empty database, and a demo admin with a fresh random
    /// password, shown once (only its bcrypt hash is stored). Returns what to tell the user.
    static func prepareDemo(_ ledger: LedgerDatabase, path: String) throws -> String {
        if try ledger.items(client: nil).isEmpty {
            let summary = try DemoLedger.build(into: ledger, from: ResourceLocator.url("demo"))
            FileHandle.standardOutput.write(Data("demo ledger built in \(path): \(summary.deliveries) deliveries\n".utf8))
        }
        let user = "demo-admin"
        if try ledger.credentials(of: user) != nil {
            return "Sign in as \(user) with the password printed when it was created "
                + "(or make a new user: titlehold users add NAME --role admin --db \(path)).\n"
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let password = String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        try Accounts.addUser(user, password: password, role: .admin, in: ledger,
                             context: ChangeContext(command: "serve --demo"))
        return "Sign in as \(user) with the password \(password) (shown only now).\n"
    }
}
