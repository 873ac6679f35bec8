import Foundation

/// The table of known scanner makers and models (`Resources/scanners/scanners.tsv`), built from
/// usb.ids: which vendor and product ids are bar code scanners, and in which USB mode.
///
/// Format: UTF-8, tab separated, `#` starts a comment line, one header line
/// `vid<TAB>pid<TAB>maker<TAB>model<TAB>mode`; vid is 4 hex digits, pid 4 hex digits or `*`
/// (every product of the maker). A product row wins over its maker's `*` row.
public struct ScannerTable: Sendable, Equatable {
    /// How a listed product talks to the host.
    public enum Mode: String, Sendable, CaseIterable {
        /// HID boot keyboard ("keyboard wedge"): the scan arrives as keystrokes.
        case keyboard
        /// HID POS (usage page 0x8C): the scan arrives as data reports.
        case hidPOS = "hid-pos"
        /// USB serial (CDC ACM or vendor COM port): no HID interface; not read by this driver.
        case serial
        /// A vendor protocol (IBM SurePOS, SNAPI, OEM mode); read as raw HID reports if any.
        case oem
        /// A scanner whose mode the name does not tell.
        case unknown
        /// Listed by a scanner maker (or named "POS") but not a bar code scanner: a printer,
        /// keyboard, magstripe reader or computer. Never claimed, even as a boot keyboard.
        case notAScanner = "not-a-scanner"
    }

    public struct Entry: Sendable, Equatable {
        public let vendorID: UInt16
        /// nil: the maker's row, for every product.
        public let productID: UInt16?
        public let maker: String
        public let model: String
        public let mode: Mode

        public init(vendorID: UInt16, productID: UInt16?, maker: String, model: String, mode: Mode) {
            self.vendorID = vendorID
            self.productID = productID
            self.maker = maker
            self.model = model
            self.mode = mode
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Loads the table from a file.
    public static func load(from url: URL) throws(ScannerTableError) -> ScannerTable {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ScannerTableError(source: url.path, line: 0, reason: "cannot read the file: \(error.localizedDescription)")
        }
        return try ScannerTable(parsing: text, source: url.path)
    }

    /// Parses the table's text; `source` names it in errors.
    public init(parsing text: String, source: String) throws(ScannerTableError) {
        var entries: [Entry] = []
        var sawHeader = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else {
                throw ScannerTableError(
                    source: source, line: number, reason: "expected 5 tab-separated fields, found \(fields.count)")
            }
            if !sawHeader {
                guard fields == ["vid", "pid", "maker", "model", "mode"] else {
                    throw ScannerTableError(
                        source: source, line: number, reason: "the first line must be the header vid, pid, maker, model, mode")
                }
                sawHeader = true
                continue
            }
            guard fields[0].count == 4, let vid = UInt16(fields[0], radix: 16) else {
                throw ScannerTableError(source: source, line: number, reason: "vid '\(fields[0])' is not 4 hex digits")
            }
            var pid: UInt16?
            if fields[1] != "*" {
                guard fields[1].count == 4, let value = UInt16(fields[1], radix: 16) else {
                    throw ScannerTableError(source: source, line: number, reason: "pid '\(fields[1])' is not 4 hex digits or *")
                }
                pid = value
            }
            guard let mode = Mode(rawValue: fields[4]) else {
                let known = Mode.allCases.map(\.rawValue).joined(separator: ", ")
                throw ScannerTableError(source: source, line: number, reason: "mode '\(fields[4])' is not one of \(known)")
            }
            guard !fields[2].isEmpty else {
                throw ScannerTableError(source: source, line: number, reason: "the maker is empty")
            }
            if entries.contains(where: { $0.vendorID == vid && $0.productID == pid }) {
                throw ScannerTableError(
                    source: source, line: number, reason: "\(fields[0]):\(fields[1]) is listed twice")
            }
            entries.append(Entry(vendorID: vid, productID: pid, maker: fields[2], model: fields[3], mode: mode))
        }
        guard sawHeader else {
            throw ScannerTableError(source: source, line: 0, reason: "the table is empty (no header line)")
        }
        self.entries = entries
    }

    /// The product's row, else its maker's `*` row, else nil.
    public func entry(vendorID: UInt16, productID: UInt16) -> Entry? {
        entries.first { $0.vendorID == vendorID && $0.productID == productID }
            ?? entries.first { $0.vendorID == vendorID && $0.productID == nil }
    }
}

/// The device table could not be read: which file, which line, what is wrong.
public struct ScannerTableError: Error, Equatable, Sendable, CustomStringConvertible {
    public let source: String
    /// 1-based; 0 for the file as a whole.
    public let line: Int
    public let reason: String

    public var description: String {
        line > 0 ? "\(source):\(line): \(reason)" : "\(source): \(reason)"
    }
}
