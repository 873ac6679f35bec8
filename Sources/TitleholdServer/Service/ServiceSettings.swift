import Foundation
import TitleholdCore

/// The settings of `titlehold serve` (issue 6, The process): read from a config file, then
/// environment variables, then command-line flags; a later source wins over an earlier one
/// (flag > environment > file > default). Pure: the caller reads the file and the environment,
/// so every precedence case can be tested with tables.
///
/// Every setting has one key in each source: `port = 8080` in the file, `TITLEHOLD_PORT` in the
/// environment, `--port` on the command line (see `ServiceSettings.keys`).
public struct ServiceSettings: Sendable, Equatable {
    /// The ledger database; nil means `LedgerLocation` decides (`$XDG_DATA_HOME/titlehold/...`).
    public var db: String?
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (the address printed at start says which).
    public var port = 8080
    public var ownershipScope: OwnershipScope = .client
    /// Where `POST /api/letters/send` writes letters; nil means `letters/` beside the database.
    public var lettersDir: String?
    public var logFormat: LogFormat = .logfmt
    public var logLevel = "info"
    public var metrics: MetricsAccessSetting = .auto
    /// Whether to read USB scanners at all (off on a machine without a USB bus, or in a container).
    public var scanners = true
    /// Keyboard layout of keyboard-wedge scanners (`us`, or a file in Resources/keyboard-layouts).
    public var scannerLayout = "us"
    /// Characters a keyboard-wedge scanner sends after each scan besides Enter.
    public var scannerSuffix = ""
    /// Adds `GET /bench/hello` for the speed benchmark; off in production.
    public var benchRoutes = false

    public enum LogFormat: String, Sendable, CaseIterable { case logfmt, json }

    /// Who may read `/metrics`: `open` to anyone who can reach the port, `admin` with an admin
    /// token or session only, `auto` = open when bound to a loopback address, else admin.
    public enum MetricsAccessSetting: String, Sendable, CaseIterable { case auto, open, admin }

    public init() {}

    /// A setting's names in the three sources.
    public struct Key: Sendable, Equatable {
        public var file: String
        public var environment: String
        public var flag: String
        public var help: String
    }

    /// Every setting, in the order the README lists them.
    public static let keys: [Key] = [
        Key(file: "db", environment: "TITLEHOLD_DB", flag: "db", help: "the ledger database file"),
        Key(file: "host", environment: "TITLEHOLD_HOST", flag: "host", help: "address to listen on (127.0.0.1)"),
        Key(file: "port", environment: "TITLEHOLD_PORT", flag: "port", help: "port (8080; 0 = any free port)"),
        Key(file: "ownership_scope", environment: "TITLEHOLD_OWNERSHIP_SCOPE", flag: "scope",
            help: "which unpaid claims retain an item: client, agreement or invoice (client)"),
        Key(file: "letters_dir", environment: "TITLEHOLD_LETTERS_DIR", flag: "letters-dir",
            help: "folder the sent letters are written to (letters/ beside the database)"),
        Key(file: "log_format", environment: "TITLEHOLD_LOG_FORMAT", flag: "log-format", help: "logfmt or json (logfmt)"),
        Key(file: "log_level", environment: "TITLEHOLD_LOG_LEVEL", flag: "log-level",
            help: "trace, debug, info, notice, warning, error or critical (info)"),
        Key(file: "metrics", environment: "TITLEHOLD_METRICS", flag: "metrics",
            help: "who may read /metrics: auto, open or admin (auto: open on loopback, else admin)"),
        Key(file: "scanners", environment: "TITLEHOLD_SCANNERS", flag: "scanners", help: "read USB scanners: on or off (on)"),
        Key(file: "scanner_layout", environment: "TITLEHOLD_SCANNER_LAYOUT", flag: "scanner-layout",
            help: "keyboard layout of keyboard-wedge scanners: us, de, fr (us)"),
        Key(file: "scanner_suffix", environment: "TITLEHOLD_SCANNER_SUFFIX", flag: "scanner-suffix",
            help: "characters a wedge scanner sends after a scan besides Enter"),
        Key(file: "bench_routes", environment: "TITLEHOLD_BENCH_ROUTES", flag: "bench-routes",
            help: "1 adds GET /bench/hello for the speed benchmark (0)"),
    ]

    /// The settings from `fileText` (the config file's content, nil if there is none), then
    /// `environment`, then `flags` (keyed by flag name without dashes; nil values are absent).
    /// `fileName` names the file in error messages.
    public static func resolve(fileText: String?, fileName: String = "config file", environment: [String: String],
                               flags: [String: String]) throws(SettingsError) -> ServiceSettings {
        var settings = ServiceSettings()
        if let fileText {
            for (key, value, line) in try parseFile(fileText, name: fileName) {
                try settings.set(key, value, source: "\(fileName) line \(line)")
            }
        }
        for key in keys {
            if let value = environment[key.environment], !value.isEmpty {
                try settings.set(key, value, source: "environment variable \(key.environment)")
            }
        }
        for key in keys {
            if let value = flags[key.flag] { try settings.set(key, value, source: "--\(key.flag)") }
        }
        return settings
    }

    /// `key = value` lines; `#` starts a comment line; blank lines are skipped; a value may be
    /// quoted with double quotes (to keep spaces at its ends).
    static func parseFile(_ text: String, name: String) throws(SettingsError) -> [(Key, String, Int)] {
        var result: [(Key, String, Int)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw SettingsError("\(name) line \(index + 1): '\(line)' is not 'key = value'")
            }
            let name0 = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard let key = keys.first(where: { $0.file == name0 }) else {
                throw SettingsError("\(name) line \(index + 1): unknown setting '\(name0)'; known: "
                                    + keys.map(\.file).joined(separator: ", "))
            }
            result.append((key, value, index + 1))
        }
        return result
    }

    mutating func set(_ key: Key, _ value: String, source: String) throws(SettingsError) {
        func bad(_ expected: String) -> SettingsError { SettingsError("\(source): '\(value)' is not \(expected)") }
        switch key.file {
        case "db": db = value.isEmpty ? nil : value
        case "host":
            guard !value.isEmpty else { throw bad("an address") }
            host = value
        case "port":
            guard let p = Int(value), (0...65535).contains(p) else { throw bad("a port number from 0 to 65535") }
            port = p
        case "ownership_scope":
            guard let s = OwnershipScope(rawValue: value) else { throw bad("client, agreement or invoice") }
            ownershipScope = s
        case "letters_dir": lettersDir = value.isEmpty ? nil : value
        case "log_format":
            guard let f = LogFormat(rawValue: value) else { throw bad("logfmt or json") }
            logFormat = f
        case "log_level":
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(value) else { throw bad(levels.joined(separator: ", ")) }
            logLevel = value
        case "metrics":
            guard let m = MetricsAccessSetting(rawValue: value) else { throw bad("auto, open or admin") }
            metrics = m
        case "scanners":
            guard let b = Self.bool(value) else { throw bad("on or off") }
            scanners = b
        case "scanner_layout": scannerLayout = value
        case "scanner_suffix": scannerSuffix = value
        case "bench_routes":
            guard let b = Self.bool(value) else { throw bad("1 or 0") }
            benchRoutes = b
        default: throw SettingsError("\(source): unknown setting \(key.file)")
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "on", "true", "yes": true
        case "0", "off", "false", "no": false
        default: nil
        }
    }

    /// Whether `/metrics` is open to anyone who reaches the port (see `MetricsAccessSetting`).
    public var metricsOpen: Bool {
        switch metrics {
        case .open: true
        case .admin: false
        case .auto: Self.isLoopback(host)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The config file to read: `--config`, else `$TITLEHOLD_CONFIG`, else
    /// /etc/titlehold/titlehold.conf when it exists. `required` is true when it was named
    /// explicitly (then a missing file is an error, not silently skipped).
    public static func configFile(flag: String?, environment: [String: String],
                                  exists: (String) -> Bool) -> (path: String, required: Bool)? {
        if let flag, !flag.isEmpty { return (flag, true) }
        if let env = environment["TITLEHOLD_CONFIG"], !env.isEmpty { return (env, true) }
        let standard = "/etc/titlehold/titlehold.conf"
        return exists(standard) ? (standard, false) : nil
    }
}

/// A setting that cannot be used, saying where it came from and what is expected.
public struct SettingsError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
