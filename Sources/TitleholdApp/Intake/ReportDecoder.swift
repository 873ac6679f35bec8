import Barcode

/// Turns one scanner's raw HID reports into scans, choosing the decoder from its report
/// descriptor: a HID POS scanner (usage page 0x8C) or a keyboard wedge.
/// (This file imports only `Barcode`: `ScannerDriver` has a report-descriptor type of its own.)
public struct ReportDecoder: Sendable {
    enum Kind: Sendable { case wedge(KeyboardWedgeDecoder), pos(HIDPOSDecoder) }
    var kind: Kind

    public init(reportDescriptor bytes: [UInt8], layout: KeyboardLayout = .us) {
        if let descriptor = try? HIDReportDescriptor(bytes: bytes), descriptor.mentions(page: 0x8C) {
            kind = .pos(HIDPOSDecoder(descriptor: descriptor))
        } else if let descriptor = try? HIDReportDescriptor(bytes: bytes) {
            kind = .wedge(KeyboardWedgeDecoder(options: .init(descriptor: descriptor, layout: layout)))
        } else {
            kind = .wedge(KeyboardWedgeDecoder(options: .init(layout: layout)))
        }
    }

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
