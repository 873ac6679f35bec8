/// The text format of keyboard layout files (Resources/keyboard-layouts/*.layout):
///
///     # comment lines start with "#"
///     name: German (QWERTZ, T1)
///     # usage  plain  shift  altgr  shift+altgr
///     0x14     q      Q      @
///     0x35     dead:^ °
///
/// A character is written as itself, as U+XXXX (needed for space and "#"), as "--" for nothing, or
/// as "dead:<char>" for a dead key. Missing columns mean nothing at that level. Tab, Escape and the
/// keypad are added when a file leaves them out.
extension KeyboardLayout {
    public init(text: String) throws(BarcodeError) {
        var name = "unnamed"
        var entries: [(UInt8, [String])] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("name:") {
                name = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                continue
            }
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = tokens.first, first.hasPrefix("0x"), let usage = UInt8(first.dropFirst(2), radix: 16) else {
                throw BarcodeError(.badKeyboardLayout, "Keyboard layout line \(number + 1): expected a usage like 0x04, found \"\(line.prefix(20))\".")
            }
            guard tokens.count <= 5 else {
                throw BarcodeError(.badKeyboardLayout, "Keyboard layout line \(number + 1): more than four levels.")
            }
            entries.append((usage, Array(tokens.dropFirst())))
        }
        var result = KeyboardLayout(name: name)
        guard !entries.isEmpty else {
            throw BarcodeError(.badKeyboardLayout, "The keyboard layout \"\(name)\" defines no keys.")
        }
        for (usage, levels) in entries {
            for (index, token) in levels.enumerated() {
                guard let level = Level(rawValue: index) else { continue }
                guard let (scalar, dead) = try Self.parseToken(token, usage: usage) else { continue }
                result.set(usage: usage, level: level, scalar: scalar, dead: dead)
            }
        }
        result.addCommonKeys()
        self = result
    }

    private static func parseToken(_ token: String, usage: UInt8) throws(BarcodeError) -> (Unicode.Scalar, Bool)? {
        if token == "--" { return nil }
        var body = Substring(token)
        var dead = false
        if body.hasPrefix("dead:") {
            dead = true
            body = body.dropFirst(5)
        }
        if body.hasPrefix("U+"), body.count > 2, let value = UInt32(body.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
            return (scalar, dead)
        }
        guard body.unicodeScalars.count == 1, let scalar = body.unicodeScalars.first else {
            throw BarcodeError(.badKeyboardLayout, "Keyboard layout usage 0x\(String(usage, radix: 16)): \"\(token)\" is not one character.")
        }
        return (scalar, dead)
    }
}
