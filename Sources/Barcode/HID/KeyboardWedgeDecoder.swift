import Foundation

/// Turns the 8-byte boot-keyboard input reports of a keyboard-wedge scanner
/// (`[modifiers][reserved][key1…key6]`, USB HID 1.11 appendix B.1) into scans.
///
/// Decisions, all per the HID specification's "key down" model:
/// - A character is typed when its usage appears in a report and was not in the previous report
///   (a key-down transition). So "00" typed as key, release, key gives two zeros, and a key still
///   listed in the next report (held, or the same report repeated by the device's idle rate) is not
///   typed again. A scanner that sends the same key in consecutive reports *without* a release
///   cannot be told apart from a held key by the reports alone; for such devices set
///   `Options.consecutiveReportsArePresses`, which types every key of every report.
/// - Reports with ErrorRollOver/POSTFail/ErrorUndefined (0x01-0x03) in the key slots are ignored
///   and leave the key state unchanged (HID 1.11 §10, keyboard "phantom state").
/// - Enter (0x28) and keypad Enter (0x58) end a scan; so does `Options.suffix` when set.
/// - Ctrl + a key gives the control character of what the key types (Ctrl+] = GS 0x1D,
///   Ctrl+^ = RS 0x1E, Ctrl+D = EOT 0x04); if the layout's character has none, the US key cap of
///   that key is used, which is how scanners send control codes on non-US layouts.
/// - Alt held + keypad digits + Alt released types the character with that code (Alt+029 = GS).
/// - A report that is too short, or a key the layout cannot type, damages the scan in progress:
///   at its end the decoder reports `.rejected` instead of passing on a scan with a hole in it.
public struct KeyboardWedgeDecoder: Sendable {
    public struct Options: Sendable {
        public var layout: KeyboardLayout
        /// Characters the scanner appends after each barcode (e.g. "\t"); removed and ends the scan.
        public var suffix: String
        /// Usages that end a scan: Enter and keypad Enter.
        public var terminatorUsages: Set<UInt8>
        /// Treat every key of every report as a new press (for devices that never send releases).
        public var consecutiveReportsArePresses: Bool
        /// The report ID byte in front of the 8 bytes, if the interface uses report IDs.
        public var reportID: UInt8?
        /// Scans longer than this are refused (protects memory against a stuck key).
        public var maximumLength: Int

        public init(
            layout: KeyboardLayout = .us, suffix: String = "", terminatorUsages: Set<UInt8> = [0x28, 0x58],
            consecutiveReportsArePresses: Bool = false, reportID: UInt8? = nil, maximumLength: Int = 8192
        ) {
            self.layout = layout
            self.suffix = suffix
            self.terminatorUsages = terminatorUsages
            self.consecutiveReportsArePresses = consecutiveReportsArePresses
            self.reportID = reportID
            self.maximumLength = maximumLength
        }
    }

    /// What one report produced.
    public enum Event: Equatable, Sendable {
        /// Nothing complete yet (the report typed characters, released keys, or was ignored).
        case none
        /// A scan ended: its characters, without terminator or suffix.
        case scan(String)
        /// The report or the scan it ended was refused; the reason says why.
        case rejected(BarcodeError)
    }

    public var options: Options
    private var previousKeys: SIMD8<UInt8> = .zero
    private var buffer: [Unicode.Scalar] = []
    private var pendingDeadKey: Unicode.Scalar?
    private var altCode: UInt32?
    private var damage: BarcodeError?

    public init(options: Options = Options()) {
        self.options = options
        buffer.reserveCapacity(256)
    }

    /// The characters typed since the last completed scan.
    public var pending: String { Self.string(buffer) }

    public mutating func decode(_ report: [UInt8]) -> Event {
        report.withUnsafeBytes { decode($0) }
    }

    /// Decodes one input report as read from the interrupt endpoint.
    public mutating func decode(_ report: UnsafeRawBufferPointer) -> Event {
        var offset = 0
        if let id = options.reportID {
            guard report.count > 0, report[0] == id else {
                return .rejected(BarcodeError(.badReport, "Keyboard report with report ID \(report.first.map(String.init) ?? "none"), expected \(id)."))
            }
            offset = 1
        }
        guard report.count - offset >= 8 else {
            let error = BarcodeError(.badReport, "A keyboard report has 8 bytes; this one has \(report.count - offset). Keys may have been lost.")
            damage = damage ?? error
            return .rejected(error)
        }
        let modifiers = report[offset]
        var keys = SIMD8<UInt8>.zero
        for slot in 0..<6 {
            let usage = report[offset + 2 + slot]
            if usage >= 0x01, usage <= 0x03 { return .none }  // rollover / error: ignore the report
            keys[slot] = usage
        }
        if let code = altCode, modifiers & 0x44 == 0 {
            altCode = nil
            if let scalar = Unicode.Scalar(code) { append(scalar) }
        }
        var event = Event.none
        for slot in 0..<6 {
            let usage = keys[slot]
            guard usage != 0 else { continue }
            if !options.consecutiveReportsArePresses, isHeld(usage) { continue }
            if let completed = press(usage, modifiers: modifiers) { event = completed }
        }
        previousKeys = keys
        return event
    }

    /// Ends the scan in progress without a terminator (for scanners configured without one; call
    /// after the caller's idle timeout). Returns `.none` when nothing is pending.
    public mutating func flush() -> Event {
        buffer.isEmpty && damage == nil ? .none : complete()
    }

    @inline(__always)
    private func isHeld(_ usage: UInt8) -> Bool {
        for slot in 0..<6 where previousKeys[slot] == usage { return true }
        return false
    }

    private mutating func press(_ usage: UInt8, modifiers: UInt8) -> Event? {
        if options.terminatorUsages.contains(usage) {
            return buffer.isEmpty && damage == nil && pendingDeadKey == nil ? nil : complete()
        }
        let ctrl = modifiers & 0x11 != 0
        let leftAlt = modifiers & 0x04 != 0
        let altGr = modifiers & 0x40 != 0 || (ctrl && leftAlt)
        let shift = modifiers & 0x22 != 0
        if leftAlt, !ctrl, let digit = Self.keypadDigit(usage) {
            altCode = (altCode ?? 0) &* 10 &+ digit
            return nil
        }
        let level: KeyboardLayout.Level = altGr ? (shift ? .shiftAltGr : .altGr) : (shift ? .shift : .plain)
        if ctrl, !altGr || modifiers & 0x40 != 0 {
            if let control = controlCharacter(usage, level: level) { append(control) }
            return nil
        }
        guard let (scalar, dead) = options.layout.lookup(usage: usage, level: level) else {
            if (0x04...0x38).contains(usage) || (0x54...0x64).contains(usage) {
                damage = damage ?? BarcodeError(
                    .badReport, "Key 0x\(String(usage, radix: 16)) types nothing in the \(options.layout.name) layout; check the scanner's keyboard country.")
            }
            return nil
        }
        if dead {
            if let previous = pendingDeadKey { append(previous) }
            pendingDeadKey = scalar
            return nil
        }
        if let accent = pendingDeadKey {
            pendingDeadKey = nil
            if scalar == " " {
                append(accent)
            } else if let composed = Self.compose(accent, scalar) {
                append(composed)
            } else {
                append(accent)
                append(scalar)
            }
        } else {
            append(scalar)
        }
        let suffix = options.suffix.unicodeScalars
        if !suffix.isEmpty, buffer.count >= suffix.count, buffer.suffix(suffix.count).elementsEqual(suffix) {
            buffer.removeLast(suffix.count)
            return complete()
        }
        return nil
    }

    private func controlCharacter(_ usage: UInt8, level: KeyboardLayout.Level) -> Unicode.Scalar? {
        func control(of scalar: Unicode.Scalar?) -> Unicode.Scalar? {
            guard let value = scalar?.value, (0x40...0x5F).contains(value) || (0x61...0x7A).contains(value) else { return nil }
            return Unicode.Scalar(value & 0x1F)
        }
        let usLevel: KeyboardLayout.Level = level == .shift || level == .shiftAltGr ? .shift : .plain
        return control(of: options.layout.lookup(usage: usage, level: level)?.scalar)
            ?? control(of: KeyboardLayout.us.lookup(usage: usage, level: usLevel)?.scalar)
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        if buffer.count >= options.maximumLength {
            damage = damage ?? BarcodeError(.scanTooLong, "The scan is longer than \(options.maximumLength) characters.")
            return
        }
        buffer.append(scalar)
    }

    private mutating func complete() -> Event {
        if let accent = pendingDeadKey {
            append(accent)
            pendingDeadKey = nil
        }
        defer {
            buffer.removeAll(keepingCapacity: true)
            damage = nil
        }
        if let damage {
            return .rejected(BarcodeError(.incompleteScan, "The scan was refused because reports were damaged: \(damage.message)"))
        }
        return .scan(Self.string(buffer))
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func keypadDigit(_ usage: UInt8) -> UInt32? {
        switch usage {
        case 0x59...0x61: return UInt32(usage - 0x58)
        case 0x62: return 0
        default: return nil
        }
    }

    /// Dead key + letter: the precomposed letter when Unicode has one.
    private static func compose(_ accent: Unicode.Scalar, _ base: Unicode.Scalar) -> Unicode.Scalar? {
        let combining: [UInt32: UInt32] = [0x5E: 0x302, 0x60: 0x300, 0xB4: 0x301, 0xA8: 0x308, 0x7E: 0x303, 0xB8: 0x327]
        guard let mark = combining[accent.value].flatMap(Unicode.Scalar.init) else { return nil }
        let composed = (String(base) + String(mark)).precomposedStringWithCanonicalMapping.unicodeScalars
        return composed.count == 1 ? composed.first : nil
    }
}

extension KeyboardWedgeDecoder.Options {
    /// Options for a keyboard interface described by `descriptor`: the report ID of its keyboard
    /// input report (Keyboard/Keypad page 0x07), if the interface uses report IDs.
    public init(descriptor: HIDReportDescriptor, layout: KeyboardLayout = .us, suffix: String = "") {
        self.init(layout: layout, suffix: suffix)
        let keyboard = descriptor.fields.first { field in field.kind == .input && field.usages.contains { $0 >> 16 == 0x07 } }
        if let id = keyboard?.reportID, id != 0 { reportID = id }
    }
}
