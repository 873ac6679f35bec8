import Barcode
import Foundation
import ScannerDriver

/// The scanners a `ScannerWatcher` reports, each with its own `ReportDecoder` (chosen from its
/// report descriptor when it attaches): turns the watcher's raw events into scans. Shared by the
/// CLI's `ScannerIntake` and the service's scanner watcher, so both decode alike.
public struct ScannerDecoders {
    let layout: KeyboardLayout
    let suffix: String
    var decoders: [String: ReportDecoder] = [:]
    var bootKeyboards = Set<String>()

    public init(layout: KeyboardLayout, suffix: String) {
        self.layout = layout; self.suffix = suffix
    }

    /// What one watcher event means for a scanning session.
    public enum Output: Equatable {
        case attached(name: String, vidPid: String)
        case detached(name: String, reason: String)
        case failed(name: String, error: String)
        /// A whole scan from the scanner `name`.
        case scan(name: String, text: String)
        /// A scan the scanner garbled; the person should scan again.
        case rejected(name: String, reason: String)
        case nothing
    }

    public mutating func handle(_ event: ScannerEvent) -> Output {
        switch event {
        case .attached(let info):
            if info.match.interface.isBootKeyboard { bootKeyboards.insert(info.name) }
            if decoders[info.name] == nil {
                decoders[info.name] = ReportDecoder(reportDescriptor: info.reportDescriptor, layout: layout, suffix: suffix)
            }
            return .attached(name: info.name, vidPid: info.device.vidPid)
        case .detached(let name, let reason):
            return .detached(name: name, reason: "\(reason)")
        case .failed(let name, let error):
            return .failed(name: name, error: "\(error)")
        case .report(let r):
            guard var decoder = decoders[r.scanner] else { return .nothing }
            let output = decoder.decode(r.bytes)
            decoders[r.scanner] = decoder
            switch output {
            case .nothing: return .nothing
            case .scan(let text): return .scan(name: r.scanner, text: text)
            case .rejected(let reason): return .rejected(name: r.scanner, reason: reason)
            }
        }
    }

    /// Whether the scanner is a boot keyboard, which can show an acknowledgement on its LED.
    public func isBootKeyboard(_ name: String) -> Bool { bootKeyboards.contains(name) }

    /// A visible acknowledgement on the scanner where it has one: a boot keyboard's LED output
    /// report (Num Lock on, then off). Send only after the item is on disk. HID POS beep
    /// commands are vendor-specific and not sent.
    public func acknowledge(_ name: String, on watcher: ScannerWatcher) {
        guard isBootKeyboard(name) else { return }
        try? watcher.sendOutputReport([0x01], reportID: 0, to: name)
        try? watcher.sendOutputReport([0x00], reportID: 0, to: name)
    }
}
