import Foundation

/// One step of a scanner scenario (see `usage` in main.swift).
enum Step: Equatable {
    case add(kind: DeviceKind, ports: String, vendor: UInt16, product: UInt16, address: UInt8)
    case run
    case waitClaimed(ports: String, seconds: Double)
    case type(ports: String, text: String)
    case scan(ports: String, aim: String, data: [UInt8])
    case report(ports: String, bytes: [UInt8])
    case waitSent(ports: String, seconds: Double)
    case unplug(ports: String)
    case replug(ports: String)
    case sleep(milliseconds: Int)
    case waitExit(seconds: Double)
}

enum DeviceKind: Equatable {
    case keyboardWedge, hidPOS
}

struct ScenarioError: Error, CustomStringConvertible {
    let line: Int
    let text: String
    let reason: String

    var description: String { "scenario line \(line) '\(text)': \(reason)" }
}

enum Scenario {
    /// Parses scenario lines; `#` starts a comment line.
    static func parse(_ lines: [String]) throws -> [Step] {
        var steps: [Step] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                steps.append(try step(line))
            } catch let refusal as Refusal {
                throw ScenarioError(line: index + 1, text: line, reason: refusal.reason)
            }
        }
        return steps
    }

    private static func step(_ line: String) throws -> Step {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let command = words[0]
        func word(_ i: Int, _ what: String) throws -> String {
            guard i < words.count else { throw Refusal("missing \(what)") }
            return words[i]
        }
        func rest(after count: Int) -> String {
            // The text after the first `count` words, spaces inside kept.
            var remainder = Substring(line)
            for _ in 0..<count {
                remainder = remainder.drop(while: { $0 == " " }).drop(while: { $0 != " " })
            }
            return String(remainder.dropFirst())
        }
        func seconds(_ i: Int, default value: Double) throws -> Double {
            guard i < words.count else { return value }
            guard let s = Double(words[i]), s > 0 else { throw Refusal("'\(words[i])' is not a number of seconds") }
            return s
        }
        switch command {
        case "wedge", "pos":
            let ports = try word(1, "ports (like 1.2)")
            let ids = try word(2, "VID:PID").split(separator: ":")
            guard ids.count == 2, let vid = UInt16(ids[0], radix: 16), let pid = UInt16(ids[1], radix: 16) else {
                throw Refusal("'\(words[2])' is not VID:PID in hex")
            }
            guard let address = UInt8(try word(3, "address (2...127)")), (2...127).contains(address) else {
                throw Refusal("'\(words[3])' is not an address in 2...127")
            }
            return .add(kind: command == "wedge" ? .keyboardWedge : .hidPOS, ports: ports, vendor: vid, product: pid, address: address)
        case "run":
            return .run
        case "wait-claimed":
            return .waitClaimed(ports: try word(1, "ports"), seconds: try seconds(2, default: 20))
        case "type":
            _ = try word(2, "text")
            return .type(ports: words[1], text: String(decoding: try unescape(rest(after: 2)), as: UTF8.self))
        case "scan":
            let aim = try word(2, "AIM identifier like ]C1")
            guard aim.utf8.count == 3 else { throw Refusal("'\(aim)' is not a 3-character AIM identifier") }
            return .scan(ports: words[1], aim: aim, data: try unescape(rest(after: 3)))
        case "report":
            let hex = words.dropFirst(2).joined()
            guard !hex.isEmpty, hex.count % 2 == 0 else { throw Refusal("a report needs hex bytes") }
            var bytes: [UInt8] = []
            var at = hex.startIndex
            while at < hex.endIndex {
                let next = hex.index(at, offsetBy: 2)
                guard let byte = UInt8(hex[at..<next], radix: 16) else { throw Refusal("'\(hex[at..<next])' is not hex") }
                bytes.append(byte)
                at = next
            }
            return .report(ports: try word(1, "ports"), bytes: bytes)
        case "wait-sent":
            return .waitSent(ports: try word(1, "ports"), seconds: try seconds(2, default: 20))
        case "unplug":
            return .unplug(ports: try word(1, "ports"))
        case "replug":
            return .replug(ports: try word(1, "ports"))
        case "sleep":
            guard let ms = Int(try word(1, "milliseconds")), ms >= 0 else { throw Refusal("'\(words[1])' is not milliseconds") }
            return .sleep(milliseconds: ms)
        case "wait-exit":
            return .waitExit(seconds: try seconds(1, default: 60))
        default:
            throw Refusal("unknown command '\(command)'")
        }
    }

    /// `\n`, `\r`, `\t`, `\\`, `\xHH` (e.g. `\x1d` for GS).
    static func unescape(_ text: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard let escape = bytes.popFirst() else { throw Refusal("a lone \\ at the end") }
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "x"):
                let digits = bytes.prefix(2)
                guard digits.count == 2, let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else {
                    throw Refusal("\\x needs two hex digits")
                }
                bytes = bytes.dropFirst(2)
                out.append(value)
            default:
                throw Refusal("unknown escape \\\(Character(UnicodeScalar(escape)))")
            }
        }
        return out
    }
}

/// Why a line was refused (becomes a `ScenarioError` with the line number).
struct Refusal: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
