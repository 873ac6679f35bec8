import Testing

@testable import ScannerDriver

@Suite("Scanner matching")
struct ScannerMatcherTests {
    let table: ScannerTable

    init() throws {
        table = try ScannerTable.load(from: TestPaths.scannerTable)
    }

    static let bootKeyboard = HIDInterfaceInfo(
        number: 0, subclass: 1, protocolCode: 1, inEndpoint: .init(address: 0x81, maxPacketSize: 8, interval: 1),
        reportDescriptorLength: 63)
    static func plainHID(_ number: UInt8) -> HIDInterfaceInfo {
        HIDInterfaceInfo(
            number: number, subclass: 0, protocolCode: 0, inEndpoint: .init(address: 0x82, maxPacketSize: 64, interval: 1),
            reportDescriptorLength: 90)
    }
    static let bootMouse = HIDInterfaceInfo(
        number: 0, subclass: 1, protocolCode: 2, inEndpoint: .init(address: 0x81, maxPacketSize: 4, interval: 10),
        reportDescriptorLength: 50)
    static let posDescriptor: [UInt8] = [0x06, 0x8C, 0x00, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0xC0]
    static let vendorDescriptor: [UInt8] = [0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01, 0xC0]

    static func device(_ vid: UInt16, _ pid: UInt16, _ interfaces: [HIDInterfaceInfo]) -> USBDeviceInfo {
        USBDeviceInfo(vendorID: vid, productID: pid, busNumber: 1, address: 9, portNumbers: [1, 2], hidInterfaces: interfaces)
    }

    @Test("a listed keyboard wedge matches as listed, on its boot keyboard interface")
    func listedWedge() {
        let matcher = ScannerMatcher(table: table)
        let device = Self.device(0x0C2E, 0x0B61, [Self.bootKeyboard])
        #expect(matcher.candidates(for: device) == [Self.bootKeyboard])
        let match = matcher.match(device, reportDescriptors: [:])
        #expect(match?.reason == .listed)
        #expect(match?.entry?.model == "Vuquest 3310g")
        #expect(match?.interface == Self.bootKeyboard)
    }

    @Test("an unlisted HID POS interface matches by its usage page 0x8C, not otherwise")
    func unlistedPOS() {
        let matcher = ScannerMatcher(table: table)
        let device = Self.device(0x0483, 0x5750, [Self.plainHID(0)])
        #expect(matcher.candidates(for: device).count == 1)
        #expect(matcher.match(device, reportDescriptors: [0: Self.posDescriptor])?.reason == .hidPOSUsagePage)
        #expect(matcher.match(device, reportDescriptors: [0: Self.vendorDescriptor]) == nil)
        #expect(matcher.match(device, reportDescriptors: [:]) == nil)  // the descriptor could not be read
        var noProbe = matcher
        noProbe.probesUnlistedHIDInterfaces = false
        #expect(noProbe.candidates(for: device).isEmpty)
    }

    @Test("a scanner with both a boot keyboard and a HID POS interface (Honeywell 0c2e:0901) is read as HID POS")
    func posBeatsKeyboard() {
        let matcher = ScannerMatcher(table: table)
        let device = Self.device(0x0C2E, 0x0901, [Self.bootKeyboard, Self.plainHID(1)])
        #expect(matcher.candidates(for: device).map(\.number) == [1, 0])
        let match = matcher.match(device, reportDescriptors: [0: [0x05, 0x01], 1: Self.posDescriptor])
        #expect(match?.interface.number == 1)
        #expect(match?.reason == .hidPOSUsagePage)
        #expect(match?.entry?.maker == "Metrologic Instruments")  // the maker's * row
        // Without HID POS, a listed device is read on its boot keyboard, not a vendor interface.
        let keyboard = matcher.match(device, reportDescriptors: [0: [0x05, 0x01], 1: Self.vendorDescriptor])
        #expect(keyboard?.interface.number == 0)
        #expect(keyboard?.reason == .listed)
    }

    @Test("unlisted boot keyboards match only while acceptsBootKeyboards is on")
    func unlistedKeyboard() {
        var matcher = ScannerMatcher(table: table)
        let keyboard = Self.device(0x046D, 0xC31C, [Self.bootKeyboard])
        #expect(matcher.match(keyboard, reportDescriptors: [:])?.reason == .bootKeyboard)
        matcher.acceptsBootKeyboards = false
        #expect(matcher.candidates(for: keyboard).isEmpty)
        #expect(matcher.match(keyboard, reportDescriptors: [:]) == nil)
    }

    @Test(
        "never: boot mice, products marked not-a-scanner, devices without a readable HID interface",
        arguments: [
            ScannerMatcherTests.device(0x046D, 0xC077, [ScannerMatcherTests.bootMouse]),
            ScannerMatcherTests.device(0x0AA7, 0x0100, [ScannerMatcherTests.bootKeyboard]),  // Wincor POS keyboard
            ScannerMatcherTests.device(0x0A5F, 0x0141, [ScannerMatcherTests.plainHID(0)]),  // Zebra ZD620 printer
            ScannerMatcherTests.device(0x1EAB, 0x1306, []),  // Newland in serial CDC mode
            ScannerMatcherTests.device(
                0x0C2E, 0x0B61,
                [HIDInterfaceInfo(number: 0, subclass: 1, protocolCode: 1, inEndpoint: nil, reportDescriptorLength: 63)]),
        ])
    func never(device: USBDeviceInfo) {
        let matcher = ScannerMatcher(table: table)
        #expect(matcher.candidates(for: device).isEmpty)
        #expect(matcher.match(device, reportDescriptors: [0: Self.posDescriptor]) == nil)
    }

    @Test("with selectors, only the selected devices match, whatever the table says")
    func selectors() throws {
        let selector = try USBDeviceSelector(parsing: "0aa7:0100")
        let matcher = ScannerMatcher(table: table, selectors: [selector])
        let chosen = Self.device(0x0AA7, 0x0100, [Self.bootKeyboard])
        #expect(matcher.match(chosen, reportDescriptors: [:])?.reason == .selector(selector))
        let listed = Self.device(0x0C2E, 0x0B61, [Self.bootKeyboard])
        #expect(matcher.candidates(for: listed).isEmpty)
        #expect(matcher.match(listed, reportDescriptors: [:]) == nil)
    }

    @Test("bus paths name the port, as Linux sysfs does")
    func busPaths() {
        #expect(Self.device(0x0C2E, 0x0B61, []).busPath == "1-1.2")
        let root = USBDeviceInfo(vendorID: 0x1D6B, productID: 2, busNumber: 3, address: 1, portNumbers: [], hidInterfaces: [])
        #expect(root.busPath == "usb3")
        #expect(root.vidPid == "1d6b:0002")
    }
}
