import Foundation
import Logging

/// A swift-log handler writing one line per event to standard error, machine-parsable (issue 6,
/// The process): logfmt (`ts=... level=info label=titlehold msg="..." key=value`) or JSON lines
/// (`{"ts":...,"level":...,"msg":...,...}`). journald keeps the lines as they are.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let format: ServiceSettings.LogFormat
    let write: @Sendable (String) -> Void

    public init(label: String, format: ServiceSettings.LogFormat, level: Logger.Level,
                write: @escaping @Sendable (String) -> Void = LineLogHandler.standardError) {
        self.label = label; self.format = format; self.logLevel = level; self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        for (k, v) in event.metadata ?? [:] { fields[k] = v }
        if let error = event.error { fields["error"] = "\(error)" }
        let time = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        write(Self.line(format: format, time: time, level: event.level, label: label, message: "\(event.message)", fields: fields) + "\n")
    }

    /// One event as a line (without the newline); keys after ts, level, label and msg are sorted.
    static func line(format: ServiceSettings.LogFormat, time: String, level: Logger.Level, label: String, message: String,
                     fields: Logger.Metadata) -> String {
        let pairs = [("ts", time), ("level", level.rawValue), ("label", label), ("msg", message)]
            + fields.keys.sorted().map { ($0, "\(fields[$0].map { "\($0)" } ?? "")") }
        switch format {
        case .logfmt:
            return pairs.map { "\($0.0)=\(logfmtValue($0.1))" }.joined(separator: " ")
        case .json:
            return "{" + pairs.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "}"
        }
    }

    static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline || $0 == "\\" }
        guard needsQuotes else { return value }
        return "\"" + escape(value) + "\""
    }

    static func jsonString(_ value: String) -> String { "\"" + escape(value) + "\"" }

    static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }
}
