/// Reassembles the scanned-data reports of a HID POS barcode scanner (USB usage page 0x8C) into
/// scans: each report carries up to `dataCapacity` bytes, the AIM symbology identifier, and a
/// "Decode Data Continued" flag set on every report but the last of one barcode.
///
/// Safety rule: a scan is passed on only when every report of it was read intact. A report that is
/// too short or self-contradictory (length beyond capacity, bad symbology identifier) is refused,
/// and the reports up to the end of that barcode are dropped with `.rejected(incompleteScan)`,
/// because they cannot be told apart from the start of a new one. The person re-scans.
public struct HIDPOSDecoder: Sendable {
    public enum Event: Equatable, Sendable {
        /// Part of a longer barcode was stored; more reports follow.
        case pending
        case scan(HIDPOSScan)
        case rejected(BarcodeError)
    }

    public let layout: HIDPOSLayout
    /// Longest barcode accepted (QR Code holds at most 7089 characters).
    public var maximumLength: Int
    private var data: [UInt8] = []
    private var symbology: (UInt8, UInt8, UInt8)?
    private var assembling = false
    private var damaged: BarcodeError?

    public init(layout: HIDPOSLayout = .common, maximumLength: Int = 8192) {
        self.layout = layout
        self.maximumLength = maximumLength
        data.reserveCapacity(1024)
    }

    /// Uses the descriptor's fields when it describes a scanned-data report, else the common layout.
    public init(descriptor: HIDReportDescriptor) {
        self.init(layout: HIDPOSLayout(descriptor: descriptor) ?? .common)
    }

    public mutating func decode(_ report: [UInt8]) -> Event {
        report.withUnsafeBytes { decode($0) }
    }

    /// Decodes one input report as read from the interrupt endpoint (report ID byte first when the
    /// layout has one).
    public mutating func decode(_ report: UnsafeRawBufferPointer) -> Event {
        let base = layout.reportID == 0 ? 0 : 1
        if base == 1 {
            guard let id = report.first else { return refuse("The report is empty.") }
            guard id == layout.reportID else {
                return .rejected(BarcodeError(.badReport, "Report ID \(id) is not the scanned-data report (\(layout.reportID)); ignored."))
            }
        }
        let needed = base + max(layout.continuedByte + 1, layout.dataOffset + layout.dataCapacity)
        guard report.count >= needed else {
            return refuse("The scanned-data report has \(report.count) bytes, at least \(needed) expected (truncated).")
        }
        var count = layout.dataCapacity
        if let offset = layout.byteCountOffset {
            count = Int(report[base + offset])
            guard count <= layout.dataCapacity else {
                return refuse("The report claims \(count) data bytes; it can hold \(layout.dataCapacity).")
            }
        } else {
            while count > 0, report[base + layout.dataOffset + count - 1] == 0 { count -= 1 }
        }
        var aim: (UInt8, UInt8, UInt8)?
        if layout.symbologyOffsets.count == 3 {
            let bytes = (report[base + layout.symbologyOffsets[0]], report[base + layout.symbologyOffsets[1]], report[base + layout.symbologyOffsets[2]])
            if bytes != (0, 0, 0) {
                guard bytes.0 == 0x5D, bytes.1 >= 0x41, bytes.1 <= 0x7A, bytes.2 >= 0x20, bytes.2 < 0x7F else {
                    return refuse("The symbology identifier bytes \(bytes.0) \(bytes.1) \(bytes.2) are not an AIM identifier.")
                }
                aim = bytes
            }
        }
        let continued = report[base + layout.continuedByte] & (1 << layout.continuedBit) != 0
        var event = Event.pending
        if assembling, damaged == nil, let previous = symbology, let current = aim, previous != current {
            damaged = BarcodeError(.incompleteScan, "The symbology changed in the middle of a barcode; its end was lost.")
        }
        if !assembling {
            assembling = true
            symbology = aim
        }
        if damaged == nil {
            if data.count + count > maximumLength {
                damaged = BarcodeError(.scanTooLong, "The barcode is longer than \(maximumLength) bytes.")
            } else {
                let start = base + layout.dataOffset
                data.append(contentsOf: UnsafeRawBufferPointer(rebasing: report[start..<(start + count)]))
            }
        }
        if !continued {
            if let damaged {
                event = .rejected(BarcodeError(.incompleteScan, "A barcode was dropped because one of its reports was damaged: \(damaged.message)"))
            } else if data.isEmpty {
                event = .rejected(BarcodeError(.empty, "A scanned-data report without data."))
            } else {
                let vendor = layout.vendorOffset.map { report[base + $0] }
                event = .scan(HIDPOSScan(symbologyIdentifier: symbology.map(Self.text), data: data, vendorCodeID: vendor))
            }
            reset()
        }
        return event
    }

    private mutating func refuse(_ message: String) -> Event {
        let error = BarcodeError(.badReport, message)
        assembling = true
        damaged = damaged ?? error
        return .rejected(error)
    }

    private mutating func reset() {
        data.removeAll(keepingCapacity: true)
        symbology = nil
        assembling = false
        damaged = nil
    }

    private static func text(_ bytes: (UInt8, UInt8, UInt8)) -> String {
        String(decoding: [bytes.0, bytes.1, bytes.2], as: UTF8.self)
    }
}

/// One barcode read over HID POS.
public struct HIDPOSScan: Equatable, Sendable {
    /// The AIM identifier, e.g. "]C1", when the scanner sent one.
    public let symbologyIdentifier: String?
    /// The decoded bytes.
    public let data: [UInt8]
    /// Vendor byte after the data (Honeywell: its own Code ID), when the layout has one.
    public let vendorCodeID: UInt8?

    /// The data as text: UTF-8 when valid, else ISO/IEC 8859-1 (the AIM default character set).
    public var text: String {
        if let utf8 = String(validating: data, as: UTF8.self) { return utf8 }
        return String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
    }

    /// Identifier + text: what `Barcode.interpret` expects.
    public var scanText: String { (symbologyIdentifier ?? "") + text }
}
