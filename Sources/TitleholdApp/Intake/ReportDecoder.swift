import Barcode
import Foundation

/// Turns one scanner's raw HID reports into scans, choosing the decoder from its report
/// descriptor: a HID POS scanner (usage page 0x8C) or a keyboard wedge.
/// (This file imports only `Barcode`: `ScannerDriver` has a report-descriptor type of its own.)
public struct ReportDecoder: Sendable {
    enum Kind: Sendable { case wedge(KeyboardWedgeDecoder), pos(HIDPOSDecoder) }
    var kind: Kind

    public init(reportDescriptor bytes: [UInt8], layout: KeyboardLayout = .us, suffix: String = "") {
        if let descriptor = try? HIDReportDescriptor(bytes: bytes), descriptor.mentions(page: 0x8C) {
            kind = .pos(HIDPOSDecoder(descriptor: descriptor))
        } else if let descriptor = try? HIDReportDescriptor(bytes: bytes) {
            kind = .wedge(KeyboardWedgeDecoder(options: .init(descriptor: descriptor, layout: layout, suffix: suffix)))
        } else {
            kind = .wedge(KeyboardWedgeDecoder(options: .init(layout: layout, suffix: suffix)))
        }
    }

    /// The keyboard layout a wedge scanner is set to: `us` (built in) or a file in
    /// `Resources/keyboard-layouts` (`de`, `fr`, ...).
    public static func layout(named name: String, in directory: URL) throws -> KeyboardLayout {
        if name == "us" { return .us }
        let known = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".layout") }.map { String($0.dropLast(".layout".count)) }.sorted()
        guard known.contains(name) else {
            throw LayoutError(message: "unknown keyboard layout '\(name)': use one of \((["us"] + known.filter { $0 != "us" }).joined(separator: ", "))")
        }
        return try KeyboardLayout.load(name, from: directory)
    }

    public struct LayoutError: Error, CustomStringConvertible { public var message: String; public var description: String { message } }

    public enum Output: Equatable { case nothing, scan(String), rejected(String) }

    public mutating func decode(_ report: [UInt8]) -> Output {
        switch kind {
        case .wedge(var decoder):
            let event = decoder.decode(report)
            kind = .wedge(decoder)
            switch event {
            case .none: return .nothing
            case .scan(let text): return .scan(text)
            case .rejected(let error): return .rejected(error.message)
            }
        case .pos(var decoder):
            let event = decoder.decode(report)
            kind = .pos(decoder)
            switch event {
            case .pending: return .nothing
            case .scan(let scan): return .scan(scan.scanText)
            case .rejected(let error): return .rejected(error.message)
            }
        }
    }
}
