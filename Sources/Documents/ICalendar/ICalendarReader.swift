import Foundation

/// A small iCalendar (RFC 5545) reader: unfolds lines, splits properties into name, parameters and
/// value, and nests components. Enough to read back what `ICalendar` writes (the tests do) and simple
/// files from other programs; it does not interpret recurrence or time zones.
public enum ICalendarReader {
    /// Parses `bytes` (UTF-8) into its outermost component, usually `VCALENDAR`.
    ///
    /// Unfolding (§3.1) happens on bytes before decoding, so a fold that another program put inside a
    /// multi-byte character still joins up.
    public static func parse(_ bytes: [UInt8]) throws(ICalendarReadError) -> ICalendarComponent {
        let lines = try contentLines(bytes)
        var stack: [ICalendarComponent] = []
        var root: ICalendarComponent?
        for (number, line) in lines {
            let property = try parseProperty(line, line: number)
            switch property.name {
            case "BEGIN":
                guard root == nil else { throw ICalendarReadError(line: number, message: "content after the last END") }
                stack.append(ICalendarComponent(name: property.value.uppercased()))
            case "END":
                guard let done = stack.popLast() else {
                    throw ICalendarReadError(line: number, message: "END:\(property.value) without BEGIN")
                }
                guard done.name == property.value.uppercased() else {
                    throw ICalendarReadError(line: number, message: "END:\(property.value) closes BEGIN:\(done.name)")
                }
                if stack.isEmpty { root = done } else { stack[stack.count - 1].components.append(done) }
            default:
                guard !stack.isEmpty else {
                    throw ICalendarReadError(line: number, message: "property \(property.name) outside BEGIN/END")
                }
                stack[stack.count - 1].properties.append(property)
            }
        }
        if let open = stack.last { throw ICalendarReadError(line: nil, message: "BEGIN:\(open.name) is never closed") }
        guard let root else { throw ICalendarReadError(line: nil, message: "no BEGIN line: not an iCalendar file") }
        return root
    }

    /// Parses text (for example a file read as UTF-8).
    public static func parse(_ text: String) throws(ICalendarReadError) -> ICalendarComponent {
        try parse(Array(text.utf8))
    }

    /// The unfolded content lines with the number of the physical line each starts on. CRLF is the
    /// standard line end; a bare LF is accepted too. Empty lines are skipped.
    public static func contentLines(_ bytes: [UInt8]) throws(ICalendarReadError) -> [(line: Int, text: String)] {
        var result: [(Int, String)] = []
        var current: [UInt8] = []
        var startLine = 1
        var physical = 1
        var index = 0
        func flush() throws(ICalendarReadError) {
            defer { current.removeAll(keepingCapacity: true) }
            guard !current.isEmpty else { return }
            guard let text = String(validating: current, as: UTF8.self) else {
                throw ICalendarReadError(line: startLine, message: "the line is not valid UTF-8")
            }
            result.append((startLine, text))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                let breakLength = (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                let next = index + breakLength
                physical += 1
                if next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 {
                    index = next + 1  // a fold: drop the line break and the one space or tab
                    continue
                }
                try flush()
                startLine = physical
                index = next
                continue
            }
            current.append(byte)
            index += 1
        }
        try flush()
        return result
    }

    /// Splits `NAME;PARAM=value;PARAM="quoted":value`. Names are upper-cased; parameter values keep
    /// their text without the quotes.
    static func parseProperty(_ line: String, line number: Int) throws(ICalendarReadError) -> ICalendarProperty {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        func read(until stops: Set<Unicode.Scalar>) -> String {
            var text = String.UnicodeScalarView()
            while index < scalars.count, !stops.contains(scalars[index]) { text.append(scalars[index]); index += 1 }
            return String(text)
        }
        let name = read(until: [";", ":"])
        guard !name.isEmpty else { throw ICalendarReadError(line: number, message: "a line without a property name") }
        var parameters: [String: String] = [:]
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let key = read(until: ["=", ":", ";"])
            guard index < scalars.count, scalars[index] == "=" else {
                throw ICalendarReadError(line: number, message: "parameter '\(key)' of \(name) has no '='")
            }
            index += 1
            var value = ""
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                value = read(until: ["\""])
                guard index < scalars.count else {
                    throw ICalendarReadError(line: number, message: "parameter '\(key)' of \(name) has an unclosed quote")
                }
                index += 1
                value += read(until: [";", ":"])  // further values of a list, kept as written
            } else {
                value = read(until: [";", ":"])
            }
            parameters[key.uppercased()] = value
        }
        guard index < scalars.count, scalars[index] == ":" else {
            throw ICalendarReadError(line: number, message: "property \(name) has no ':' before its value")
        }
        index += 1
        var value = String.UnicodeScalarView()
        value.append(contentsOf: scalars[index...])
        return ICalendarProperty(name: name.uppercased(), parameters: parameters, value: String(value))
    }

    /// Undoes TEXT escaping (§3.3.11): `\\`, `\;`, `\,`, and `\n` or `\N` for a line break.
    public static func unescapeText(_ value: String) -> String {
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "n", "N": out.append("\n")
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }
}

/// A component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, …) with its properties in file order.
public struct ICalendarComponent: Sendable, Hashable {
    public var name: String
    public var properties: [ICalendarProperty] = []
    public var components: [ICalendarComponent] = []

    public init(name: String) { self.name = name }

    /// The first property named `name` (case-insensitive).
    public func property(_ name: String) -> ICalendarProperty? {
        let upper = name.uppercased()
        return properties.first { $0.name == upper }
    }

    /// The sub-components named `name` (case-insensitive).
    public func components(named name: String) -> [ICalendarComponent] {
        let upper = name.uppercased()
        return components.filter { $0.name == upper }
    }
}

/// One property: `NAME;PARAM=value:value`.
public struct ICalendarProperty: Sendable, Hashable {
    public var name: String
    public var parameters: [String: String]
    /// The value as written (still escaped).
    public var value: String

    public init(name: String, parameters: [String: String] = [:], value: String) {
        self.name = name; self.parameters = parameters; self.value = value
    }

    /// The value read as TEXT (escapes undone).
    public var text: String { ICalendarReader.unescapeText(value) }
}

/// A file that is not readable as iCalendar, with the line where reading stopped.
public struct ICalendarReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) { self.line = line; self.message = message }

    public var description: String { line.map { "iCalendar line \($0): \(message)" } ?? "iCalendar: \(message)" }
}
