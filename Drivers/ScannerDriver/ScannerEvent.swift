/// A scanner the watcher has open.
public struct ScannerInfo: Sendable, Equatable {
    /// The scanner's name: its bus path (`1-1.2`), stable across replugs into the same port.
    public let name: String
    public let device: USBDeviceInfo
    /// Why it was taken, which interface is read, and its table row.
    public let match: ScannerMatch
    /// The interface's HID report descriptor, for the decoder (keyboard vs HID POS layout).
    public let reportDescriptor: [UInt8]

    public init(name: String, device: USBDeviceInfo, match: ScannerMatch, reportDescriptor: [UInt8]) {
        self.name = name
        self.device = device
        self.match = match
        self.reportDescriptor = reportDescriptor
    }
}

/// One input report exactly as the scanner sent it. Nothing is decoded here: a keyboard
/// wedge's 8-byte boot report, a HID POS report with its report ID, a truncated or garbled
/// report — all come through as they came, for the barcode module to interpret.
public struct ScannerReport: Sendable, Equatable {
    /// The scanner's bus path (see `ScannerInfo.name`).
    public let scanner: String
    public let bytes: [UInt8]
    /// `MonotonicClock.nanoseconds()` when the transfer completed.
    public let timestamp: UInt64
    /// 0, 1, 2, … per scanner name for the watcher's lifetime, across replugs: a gap or a
    /// repeat would show a lost or doubled report.
    public let sequence: UInt64

    public init(scanner: String, bytes: [UInt8], timestamp: UInt64, sequence: UInt64) {
        self.scanner = scanner
        self.bytes = bytes
        self.timestamp = timestamp
        self.sequence = sequence
    }
}

/// Why a scanner stopped being read.
public enum ScannerDetachReason: Sendable, Equatable {
    /// It was unplugged (or reset); it is picked up again when it comes back.
    case unplugged
    /// The watcher was stopped.
    case stopped
    /// Reading failed repeatedly; the error says how.
    case failed(USBError)
}

/// What a `ScannerWatcher` reports, in the order it happened per scanner.
public enum ScannerEvent: Sendable, Equatable {
    case attached(ScannerInfo)
    case report(ScannerReport)
    case detached(name: String, reason: ScannerDetachReason)
    /// A device looked like a scanner but could not be opened or claimed (e.g. permissions:
    /// see `USBError.isAccessDenied`).
    case failed(name: String, error: USBError)
}
