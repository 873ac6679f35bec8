/// Why an interface was taken for a scanner.
public enum ScannerMatchReason: Sendable, Equatable {
    /// The operator named the device with a `VID:PID` selector.
    case selector(USBDeviceSelector)
    /// The report descriptor declares the Bar Code Scanner usage page 0x8C (HID POS).
    case hidPOSUsagePage
    /// The device table lists the product or its maker.
    case listed
    /// An unlisted device whose interface is a HID boot keyboard (a keyboard-wedge scanner
    /// from an unknown maker — or a real keyboard; see `ScannerMatcher.acceptsBootKeyboards`).
    case bootKeyboard
}

/// The matcher's decision for one device: which interface to read and why.
public struct ScannerMatch: Sendable, Equatable {
    public let interface: HIDInterfaceInfo
    public let reason: ScannerMatchReason
    /// The device table's row for the device, if any.
    public let entry: ScannerTable.Entry?

    public init(interface: HIDInterfaceInfo, reason: ScannerMatchReason, entry: ScannerTable.Entry?) {
        self.interface = interface
        self.reason = reason
        self.entry = entry
    }
}

/// Decides which USB devices are bar code scanners and which of their HID interfaces to read.
///
/// Rules, in order:
/// 1. With selectors configured, only selected devices match (any HID interface with an
///    interrupt IN endpoint), and nothing else does.
/// 2. A product the table marks `not-a-scanner` never matches.
/// 3. An interface whose report descriptor declares usage page 0x8C matches (HID POS).
/// 4. A listed product (or maker) matches on its best HID interface.
/// 5. An unlisted boot-keyboard interface matches if `acceptsBootKeyboards`.
/// Among a device's interfaces, HID POS beats boot keyboard beats the rest, so a scanner
/// offering both (Honeywell 0c2e:0901) is read in HID POS mode.
public struct ScannerMatcher: Sendable {
    public var table: ScannerTable
    public var selectors: [USBDeviceSelector]
    /// Take any unlisted HID boot keyboard for a keyboard-wedge scanner. Careful: a real
    /// keyboard is a boot keyboard too, and claiming it detaches it from the console while the
    /// service runs. Turn off on machines with a keyboard plugged in and list the scanners.
    public var acceptsBootKeyboards: Bool
    /// Read the report descriptor of unlisted non-boot HID interfaces to look for page 0x8C.
    /// Reading it requires claiming the interface, which detaches the kernel driver for a
    /// moment (Linux refuses interface requests otherwise).
    public var probesUnlistedHIDInterfaces: Bool

    public init(
        table: ScannerTable, selectors: [USBDeviceSelector] = [], acceptsBootKeyboards: Bool = true,
        probesUnlistedHIDInterfaces: Bool = true
    ) {
        self.table = table
        self.selectors = selectors
        self.acceptsBootKeyboards = acceptsBootKeyboards
        self.probesUnlistedHIDInterfaces = probesUnlistedHIDInterfaces
    }

    /// The interfaces whose report descriptors should be read before deciding, best first;
    /// empty when the device cannot match whatever its descriptors say. Pure: descriptors only.
    public func candidates(for device: USBDeviceInfo) -> [HIDInterfaceInfo] {
        let readable = device.hidInterfaces.filter { $0.inEndpoint != nil && $0.alternateSetting == 0 }
        if !selectors.isEmpty {
            guard selectors.contains(where: { $0.matches(vendorID: device.vendorID, productID: device.productID) })
            else { return [] }
            return rank(readable)
        }
        let entry = table.entry(vendorID: device.vendorID, productID: device.productID)
        if entry?.mode == .notAScanner { return [] }
        let kept = readable.filter { interface in
            if interface.isBootMouse { return false }
            if entry != nil { return true }
            if interface.isBootKeyboard { return acceptsBootKeyboards }
            return probesUnlistedHIDInterfaces
        }
        return rank(kept)
    }

    /// The decision once the candidates' report descriptors are read (nil where a read failed).
    public func match(_ device: USBDeviceInfo, reportDescriptors: [UInt8: [UInt8]]) -> ScannerMatch? {
        let candidates = candidates(for: device)
        guard !candidates.isEmpty else { return nil }
        let entry = table.entry(vendorID: device.vendorID, productID: device.productID)
        let isPOS: (HIDInterfaceInfo) -> Bool = { interface in
            reportDescriptors[interface.number].map { HIDReportDescriptor($0).declaresBarCodeScannerPage } ?? false
        }
        if let selector = selectors.first(where: { $0.matches(vendorID: device.vendorID, productID: device.productID) }) {
            let best = candidates.first(where: isPOS) ?? candidates[0]
            return ScannerMatch(interface: best, reason: .selector(selector), entry: entry)
        }
        if let pos = candidates.first(where: isPOS) {
            return ScannerMatch(interface: pos, reason: .hidPOSUsagePage, entry: entry)
        }
        if entry != nil {
            let best = candidates.first(where: \.isBootKeyboard) ?? candidates[0]
            return ScannerMatch(interface: best, reason: .listed, entry: entry)
        }
        if acceptsBootKeyboards, let keyboard = candidates.first(where: \.isBootKeyboard) {
            return ScannerMatch(interface: keyboard, reason: .bootKeyboard, entry: nil)
        }
        return nil
    }

    /// Non-boot interfaces first (they may be HID POS), then boot keyboards, then the rest;
    /// by interface number within each group.
    private func rank(_ interfaces: [HIDInterfaceInfo]) -> [HIDInterfaceInfo] {
        func group(_ i: HIDInterfaceInfo) -> Int { i.subclass == 0 ? 0 : i.isBootKeyboard ? 1 : 2 }
        return interfaces.sorted { (group($0), $0.number) < (group($1), $1.number) }
    }
}
