import Foundation

/// Which character a key (HID Keyboard/Keypad page 0x07 usage) types under a keyboard layout, per
/// modifier level: plain, Shift, AltGr (right Alt), Shift+AltGr. A keyboard-wedge scanner "types"
/// the barcode with the layout it was configured for, so the decoder must use the same one.
///
/// Dead keys (e.g. "^" and "´" on German, "^" and "¨" on French keyboards) type nothing by
/// themselves; the next key decides: a space gives the accent itself, a letter the accented letter.
public struct KeyboardLayout: Sendable, Hashable {
    public enum Level: Int, Sendable, CaseIterable { case plain = 0, shift, altGr, shiftAltGr }

    /// Human name from the layout file, e.g. "German (QWERTZ)".
    public let name: String
    // 4 levels × 256 usages; 0 = nothing; bit 31 marks a dead key.
    private var table: [UInt32]

    static let deadFlag: UInt32 = 0x8000_0000

    public init(name: String) {
        self.name = name
        self.table = [UInt32](repeating: 0, count: 4 * 256)
    }

    /// Sets what a key types at a level.
    public mutating func set(usage: UInt8, level: Level, scalar: Unicode.Scalar?, dead: Bool = false) {
        let value = scalar.map { $0.value | (dead ? Self.deadFlag : 0) } ?? 0
        table[level.rawValue * 256 + Int(usage)] = value
    }

    /// The character of a key at a level, and whether it is a dead key.
    @inline(__always)
    public func lookup(usage: UInt8, level: Level) -> (scalar: Unicode.Scalar, dead: Bool)? {
        let value = table[level.rawValue * 256 + Int(usage)]
        guard value != 0, let scalar = Unicode.Scalar(value & ~Self.deadFlag) else { return nil }
        return (scalar, value & Self.deadFlag != 0)
    }

    /// The name of a layout file inside a data directory: "<identifier>.layout".
    public static func fileName(for identifier: String) -> String { identifier + ".layout" }

    /// Loads `<identifier>.layout` (e.g. "de", "fr") from a data directory the caller passes,
    /// such as Resources/keyboard-layouts/. "us" without a file gives the built-in layout.
    public static func load(_ identifier: String, from directory: URL) throws -> KeyboardLayout {
        let url = directory.appendingPathComponent(fileName(for: identifier))
        if identifier == "us", !FileManager.default.fileExists(atPath: url.path) { return .us }
        return try KeyboardLayout(text: String(contentsOf: url, encoding: .utf8))
    }
}

extension KeyboardLayout {
    /// US English (the HID usage names are the US key caps), built in so decoding works with no files.
    public static let us: KeyboardLayout = {
        var layout = KeyboardLayout(name: "English (US)")
        func row(_ first: UInt8, _ plain: String, _ shifted: String) {
            for (offset, (p, s)) in zip(plain.unicodeScalars, shifted.unicodeScalars).enumerated() {
                layout.set(usage: first + UInt8(offset), level: .plain, scalar: p)
                layout.set(usage: first + UInt8(offset), level: .shift, scalar: s)
            }
        }
        row(0x04, "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        row(0x1E, "1234567890", "!@#$%^&*()")
        row(0x2C, " -=[]\\\\;'`,./", " _+{}||:\"~<>?")
        row(0x64, "\\", "|")
        layout.addCommonKeys()
        return layout
    }()

    /// Keys that type the same on every layout: Tab, Escape, and the keypad.
    mutating func addCommonKeys() {
        let common: [(UInt8, Unicode.Scalar)] = [
            (0x2B, "\t"), (0x29, "\u{1B}"), (0x54, "/"), (0x55, "*"), (0x56, "-"), (0x57, "+"),
            (0x59, "1"), (0x5A, "2"), (0x5B, "3"), (0x5C, "4"), (0x5D, "5"), (0x5E, "6"), (0x5F, "7"),
            (0x60, "8"), (0x61, "9"), (0x62, "0"), (0x63, "."),
        ]
        for (usage, scalar) in common {
            for level in [Level.plain, .shift] where lookup(usage: usage, level: level) == nil {
                set(usage: usage, level: level, scalar: scalar)
            }
        }
    }
}
