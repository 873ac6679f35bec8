/// Boot-keyboard reports (HID 1.11 appendix B.1: modifiers, reserved, 6 key usages) that a
/// keyboard-wedge scanner sends for text, US layout (HUT 1.5 ch. 10). Each character is a key
/// press followed by a release. GS (0x1D, the GS1 FNC1 separator) is Ctrl+], as scanners
/// send it: modifier 0x01 (left Ctrl) with usage 0x30.
enum KeyboardWedge {
    static let leftCtrl: UInt8 = 0x01
    static let leftShift: UInt8 = 0x02
    static let release: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]

    static func key(for character: Character) -> (modifier: UInt8, usage: UInt8)? {
        let plain: [Character: UInt8] = [
            "\n": 0x28, "\r": 0x28, " ": 0x2C, "-": 0x2D, "=": 0x2E, "[": 0x2F, "]": 0x30, "\\": 0x31, ";": 0x33,
            "'": 0x34, "`": 0x35, ",": 0x36, ".": 0x37, "/": 0x38, "0": 0x27,
        ]
        let shifted: [Character: UInt8] = [
            "!": 0x1E, "@": 0x1F, "#": 0x20, "$": 0x21, "%": 0x22, "^": 0x23, "&": 0x24, "*": 0x25, "(": 0x26,
            ")": 0x27, "_": 0x2D, "+": 0x2E, "{": 0x2F, "}": 0x30, "|": 0x31, ":": 0x33, "\"": 0x34, "~": 0x35,
            "<": 0x36, ">": 0x37, "?": 0x38,
        ]
        if character == "\u{1D}" { return (leftCtrl, 0x30) }
        if let usage = plain[character] { return (0, usage) }
        if let usage = shifted[character] { return (leftShift, usage) }
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return (0, 0x04 + ascii - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return (leftShift, 0x04 + ascii - UInt8(ascii: "A"))
        case UInt8(ascii: "1")...UInt8(ascii: "9"): return (0, 0x1E + ascii - UInt8(ascii: "1"))
        default: return nil
        }
    }

    /// Press and release reports for every character (characters without a key are skipped).
    static func reports(for text: String) -> [[UInt8]] {
        text.compactMap(key(for:)).flatMap { key in
            [[key.modifier, 0, key.usage, 0, 0, 0, 0, 0], release]
        }
    }
}
