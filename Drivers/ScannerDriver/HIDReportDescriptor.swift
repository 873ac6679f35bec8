/// Just enough of a HID report descriptor parser (HID 1.11 ch. 6.2.2) to tell what kind of
/// device an interface is: the usage pages it declares and the report IDs it uses.
///
/// Decoding reports is the barcode module's job; this only answers "does this interface
/// declare the Bar Code Scanner page 0x8C (HUT 1.5, HID POS)?", which identifies HID POS
/// scanners whatever their vendor id.
public struct HIDReportDescriptor: Sendable, Equatable {
    /// The usage page of HID POS bar code scanners (HUT 1.5, "Bar Code Scanner Page").
    public static let barCodeScannerPage: UInt16 = 0x8C

    public let bytes: [UInt8]
    /// Every Usage Page value set by a global item, in order of first appearance.
    public let usagePages: [UInt16]
    /// Report IDs declared (empty: the device uses no report IDs).
    public let reportIDs: [UInt8]
    /// False if the descriptor ended inside an item (a truncated or garbled descriptor); what
    /// was parsed before that is kept.
    public let isWellFormed: Bool

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var pages: [UInt16] = []
        var ids: [UInt8] = []
        var wellFormed = true
        var at = 0
        while at < bytes.count {
            let prefix = bytes[at]
            if prefix == 0xFE {  // long item: 0xFE, bDataSize, bLongItemTag, data
                guard at + 2 < bytes.count else { wellFormed = false; break }
                at += 3 + Int(bytes[at + 1])
                if at > bytes.count { wellFormed = false }
                continue
            }
            let size = [0, 1, 2, 4][Int(prefix & 0x03)]
            guard at + size < bytes.count else { wellFormed = false; break }
            var value: UInt32 = 0
            for k in 0..<size { value |= UInt32(bytes[at + 1 + k]) << (8 * UInt32(k)) }
            switch prefix & 0xFC {
            case 0x04:  // Usage Page (global)
                let page = UInt16(truncatingIfNeeded: value)
                if !pages.contains(page) { pages.append(page) }
            case 0x84:  // Report ID (global)
                let id = UInt8(truncatingIfNeeded: value)
                if !ids.contains(id) { ids.append(id) }
            default:
                break
            }
            at += 1 + size
        }
        self.usagePages = pages
        self.reportIDs = ids
        self.isWellFormed = wellFormed
    }

    /// The interface is a HID POS bar code scanner (usage page 0x8C).
    public var declaresBarCodeScannerPage: Bool { usagePages.contains(Self.barCodeScannerPage) }
}
