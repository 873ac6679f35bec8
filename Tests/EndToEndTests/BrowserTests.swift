import Foundation
import TestSupport
import Testing

/// The front-desk pages in a real browser (issue 6, Tests that must pass): the built `titlehold
/// serve` on a fresh demo ledger, and Tests/Browser/test_pages.py driving Debian's headless
/// `chromium` through `chromium-driver` with Selenium (`python3-selenium`). It signs in, looks up
/// demo serial CN0V7R2K and sees the supplier as its owner, opens a live intake session and sees a
/// scan posted with a bearer token appear green (and a refused one red, with its reason).
///
/// Without the browser the test fails and says what to install: a test that skips itself would
/// let the pages go untested in CI.
@Suite(.serialized, .removesTemporaryFolders) struct BrowserTests {
    static let python = ProcessInfo.processInfo.environment["TITLEHOLD_BROWSER_PYTHON"] ?? "/usr/bin/python3"
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
    static let driver = ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
    static let install = "apt-get install -y chromium chromium-driver python3-selenium"

    @Test func signInLookUpAndWatchALiveScan() throws {
        let fm = FileManager.default
        try #require(fm.isExecutableFile(atPath: Self.chromium), "\(Self.chromium) is missing: \(Self.install)")
        try #require(fm.isExecutableFile(atPath: Self.driver), "\(Self.driver) (chromium-driver) is missing: \(Self.install)")
        let selenium = try Self.runTool(Self.python, ["-c", "import selenium"])
        try #require(selenium.status == 0, "\(Self.python) cannot import selenium: \(Self.install)\n\(selenium.stderr)")

        let db = try Binary.temporaryDatabase()
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent()
        let demo = try Binary.run(["demo", "--db", db])
        try #require(demo.status == 0, "demo: \(demo.stderr)")
        let password = "front desk \(UUID().uuidString.prefix(8))"
        let added = try Binary.run(["users", "add", "desk", "--role", "intake", "--password-stdin", "--db", db], stdin: password + "\n")
        try #require(added.status == 0, "users add: \(added.stderr)")
        let scanner = try Binary.run(["users", "add", "scanner", "--role", "intake", "--password-stdin", "--db", db],
                                     stdin: "scanner-\(UUID().uuidString)\n")
        try #require(scanner.status == 0, "users add: \(scanner.stderr)")
        let created = try Binary.run(["tokens", "create", "--user", "scanner", "--label", "browser test", "--db", db])
        try #require(created.status == 0, "tokens create: \(created.stderr)")
        let token = try #require(Self.token(in: created.stdout), "no token in: \(created.stdout)")

        let server = try Server(db: db, folder: folder)
        defer { server.stop() }
        let base = try #require(server.waitForAddress(), "serve printed no address; its log:\n\(server.log())")

        let script = Binary.packageRoot.appendingPathComponent("Tests/Browser/test_pages.py").path
        let screenshots = ProcessInfo.processInfo.environment["TITLEHOLD_SCREENSHOTS"] ?? folder.appendingPathComponent("screenshots").path
        let result = try Self.runTool(Self.python, [script, "--base", base, "--user", "desk", "--password", password,
                                                    "--token", token, "--chromium", Self.chromium, "--driver", Self.driver,
                                                    "--screenshots", screenshots])
        #expect(result.status == 0, "browser checks failed:\n\(result.stdout)\n\(result.stderr)\nserver log:\n\(server.log())")
        #expect(result.stdout.contains("browser checks passed"))
    }

    /// The token `tokens create` printed (shown once): the word starting with `th_`.
    static func token(in text: String) -> String? {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first { $0.hasPrefix("th_") }.map(String.init)
    }

    /// Runs a tool with its output in files (a chatty child never blocks on a full pipe).
    static func runTool(_ path: String, _ arguments: [String]) throws -> Binary.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlehold-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outFile = folder.appendingPathComponent("out"), errFile = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return Binary.Result(status: 127, stdout: "", stderr: "cannot run \(path): \(error); \(install)")
        }
        process.waitUntilExit()
        return Binary.Result(status: process.terminationStatus,
                             stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    /// `titlehold serve` on a free port, without scanners, its output in files.
    final class Server {
        let process = ChildProcess()
        let outFile: URL
        let errFile: URL

        init(db: String, folder: URL) throws {
            outFile = folder.appendingPathComponent("serve.out")
            errFile = folder.appendingPathComponent("serve.err")
            _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
            process.executableURL = Binary.url
            process.arguments = ["serve", "--db", db, "--port", "0", "--scanners", "off"]
            process.standardOutput = try FileHandle(forWritingTo: outFile)
            process.standardError = try FileHandle(forWritingTo: errFile)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// The address serve prints once it listens (`Titlehold listening on http://127.0.0.1:PORT/`);
        /// nil when it exits first or has not said it within a minute.
        func waitForAddress() -> String? {
            for _ in 0..<600 {
                if let text = try? String(contentsOf: outFile, encoding: .utf8),
                   let range = text.range(of: #"http://[^\s]+"#, options: .regularExpression) {
                    return String(text[range]).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                }
                guard process.isRunning else { return nil }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return nil
        }

        func log() -> String {
            ((try? String(contentsOf: outFile, encoding: .utf8)) ?? "") + ((try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }
}
