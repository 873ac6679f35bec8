import Testing
@testable import TitleholdServer

/// Settings of `titlehold serve`: file < environment < flag, and every bad value named with its source.
@Suite struct ServiceSettingsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String?
        var environment: [String: String]
        var flags: [String: String]
        var port: Int
        var host: String
        var testDescription: String { "file \(file ?? "-") env \(environment) flags \(flags) -> \(host):\(port)" }
    }

    static let precedence: [Case] = [
        Case(file: nil, environment: [:], flags: [:], port: 8080, host: "127.0.0.1"),
        Case(file: "port = 9000", environment: [:], flags: [:], port: 9000, host: "127.0.0.1"),
        Case(file: "port = 9000", environment: ["TITLEHOLD_PORT": "9100"], flags: [:], port: 9100, host: "127.0.0.1"),
        Case(file: "port = 9000", environment: ["TITLEHOLD_PORT": "9100"], flags: ["port": "9200"], port: 9200, host: "127.0.0.1"),
        Case(file: nil, environment: ["TITLEHOLD_PORT": "9100"], flags: ["port": "9200"], port: 9200, host: "127.0.0.1"),
        Case(file: "port = 9000\nhost = 0.0.0.0", environment: ["TITLEHOLD_PORT": "9100"], flags: [:], port: 9100, host: "0.0.0.0"),
        Case(file: "host = 0.0.0.0", environment: ["TITLEHOLD_HOST": "10.0.0.5"], flags: ["host": "::1"], port: 8080, host: "::1"),
        // An empty environment variable counts as unset.
        Case(file: "port = 9000", environment: ["TITLEHOLD_PORT": ""], flags: [:], port: 9000, host: "127.0.0.1"),
    ]

    @Test(arguments: precedence) func aLaterSourceWins(_ c: Case) throws {
        let settings = try ServiceSettings.resolve(fileText: c.file, environment: c.environment, flags: c.flags)
        #expect(settings.port == c.port)
        #expect(settings.host == c.host)
    }

    @Test func everySettingReadsFromEverySource() throws {
        let file = """
            # a comment, then every key
            db = /srv/ledger.sqlite
            ownership_scope = agreement
            letters_dir = "/srv/letters "
            log_format = json
            log_level = debug
            metrics = admin
            scanners = off
            scanner_layout = de
            scanner_suffix = \\t
            bench_routes = 1
            """
        let fromFile = try ServiceSettings.resolve(fileText: file, environment: [:], flags: [:])
        #expect(fromFile.db == "/srv/ledger.sqlite" && fromFile.ownershipScope == .agreement)
        #expect(fromFile.lettersDir == "/srv/letters ")
        #expect(fromFile.logFormat == .json && fromFile.logLevel == "debug" && fromFile.metrics == .admin)
        #expect(!fromFile.scanners && fromFile.scannerLayout == "de" && fromFile.scannerSuffix == "\\t" && fromFile.benchRoutes)

        let env = Dictionary(uniqueKeysWithValues: [
            ("TITLEHOLD_DB", "/env.sqlite"), ("TITLEHOLD_OWNERSHIP_SCOPE", "invoice"), ("TITLEHOLD_LOG_FORMAT", "logfmt"),
            ("TITLEHOLD_METRICS", "open"), ("TITLEHOLD_SCANNERS", "on"), ("TITLEHOLD_BENCH_ROUTES", "0"),
        ])
        let fromEnv = try ServiceSettings.resolve(fileText: file, environment: env, flags: [:])
        #expect(fromEnv.db == "/env.sqlite" && fromEnv.ownershipScope == .invoice && fromEnv.logFormat == .logfmt)
        #expect(fromEnv.metrics == .open && fromEnv.scanners && !fromEnv.benchRoutes)
        #expect(fromEnv.logLevel == "debug", "a setting the environment does not name keeps the file's value")

        let fromFlags = try ServiceSettings.resolve(fileText: file, environment: env,
                                                    flags: ["db": "/flag.sqlite", "scope": "client", "scanners": "off"])
        #expect(fromFlags.db == "/flag.sqlite" && fromFlags.ownershipScope == .client && !fromFlags.scanners)
    }

    @Test(arguments: [
        ("port = 80000", [String: String](), [String: String](), "config file line 1: '80000' is not a port number"),
        ("colour = blue", [:], [:], "config file line 1: unknown setting 'colour'"),
        ("\n\nport 8080", [:], [:], "config file line 3: 'port 8080' is not 'key = value'"),
        (nil, ["TITLEHOLD_OWNERSHIP_SCOPE": "everything"], [:], "environment variable TITLEHOLD_OWNERSHIP_SCOPE: 'everything' is not client"),
        (nil, [:], ["log-format": "xml"], "--log-format: 'xml' is not logfmt or json"),
        (nil, [:], ["metrics": "public"], "--metrics: 'public' is not auto, open or admin"),
    ] as [(String?, [String: String], [String: String], String)])
    func aBadValueNamesItsSource(file: String?, environment: [String: String], flags: [String: String], message: String) {
        #expect {
            _ = try ServiceSettings.resolve(fileText: file, environment: environment, flags: flags)
        } throws: { error in
            (error as? SettingsError)?.description.hasPrefix(message) == true
        }
    }

    @Test func metricsAreOpenOnlyOnLoopbackUnlessToldOtherwise() throws {
        let cases: [(String, String?, Bool)] = [
            ("127.0.0.1", nil, true), ("::1", nil, true), ("localhost", nil, true), ("0.0.0.0", nil, false),
            ("192.168.1.10", nil, false), ("0.0.0.0", "open", true), ("127.0.0.1", "admin", false),
        ]
        for (host, metrics, open) in cases {
            var flags = ["host": host]
            flags["metrics"] = metrics
            #expect(try ServiceSettings.resolve(fileText: nil, environment: [:], flags: flags).metricsOpen == open, "\(host) \(metrics ?? "auto")")
        }
    }

    @Test func theConfigFileIsNamedOrTheStandardOneIfPresent() {
        #expect(ServiceSettings.configFile(flag: "/a.conf", environment: ["TITLEHOLD_CONFIG": "/b.conf"], exists: { _ in true })?.path == "/a.conf")
        #expect(ServiceSettings.configFile(flag: nil, environment: ["TITLEHOLD_CONFIG": "/b.conf"], exists: { _ in false })?.required == true)
        #expect(ServiceSettings.configFile(flag: nil, environment: [:], exists: { _ in true })?.path == "/etc/titlehold/titlehold.conf")
        #expect(ServiceSettings.configFile(flag: nil, environment: [:], exists: { _ in false }) == nil)
    }

    @Test func logLinesAreOneEventEachAndParsable() {
        let fmt = LineLogHandler.line(format: .logfmt, time: "2026-11-25T10:00:00Z", level: .info, label: "titlehold",
                                      message: "scan", fields: ["serial": "SN 1", "status": "accepted", "note": "a \"b\"\nc"])
        #expect(fmt == #"ts=2026-11-25T10:00:00Z level=info label=titlehold msg=scan note="a \"b\"\nc" serial="SN 1" status=accepted"#)
        let json = LineLogHandler.line(format: .json, time: "t", level: .error, label: "x", message: "m\u{1}", fields: ["k": "v"])
        #expect(json == #"{"ts":"t","level":"error","label":"x","msg":"m\u0001","k":"v"}"#)
    }
}
