/// What enumeration tells about a USB device without opening it (USB 2.0 ch. 9.6.1, 9.6.3).
public struct USBDeviceInfo: Sendable, Equatable, CustomStringConvertible {
    public let vendorID: UInt16
    public let productID: UInt16
    /// bcdDevice: the device's release number (firmware version on most scanners).
    public let releaseNumber: UInt16
    public let busNumber: UInt8
    /// The address the host gave the device; it changes on every replug.
    public let address: UInt8
    /// Ports from the root hub down (`libusb_get_port_numbers`); stable across replugs into
    /// the same socket.
    public let portNumbers: [UInt8]
    /// The HID interfaces of the first configuration (class 3), in interface order.
    public let hidInterfaces: [HIDInterfaceInfo]

    public init(
        vendorID: UInt16, productID: UInt16, releaseNumber: UInt16 = 0, busNumber: UInt8, address: UInt8,
        portNumbers: [UInt8], hidInterfaces: [HIDInterfaceInfo]
    ) {
        self.vendorID = vendorID
        self.productID = productID
        self.releaseNumber = releaseNumber
        self.busNumber = busNumber
        self.address = address
        self.portNumbers = portNumbers
        self.hidInterfaces = hidInterfaces
    }

    /// The Linux sysfs name of the port the device sits in, e.g. `1-1.2` (bus 1, root port 1,
    /// hub port 2); `usb1` for a root hub. It names a scanner across replugs, unlike the
    /// address, and is what an operator sees in `lsusb -t` and `dmesg`.
    public var busPath: String {
        if portNumbers.isEmpty { return "usb\(busNumber)" }
        return "\(busNumber)-" + portNumbers.map(String.init).joined(separator: ".")
    }

    /// `vid:pid` in lowercase hex, as `lsusb` prints it.
    public var vidPid: String { hex4(vendorID) + ":" + hex4(productID) }

    public var description: String { "\(busPath) (\(vidPid))" }
}

/// A HID interface (HID 1.11 ch. 4 and 6.2.1) with the endpoints a report reader needs.
public struct HIDInterfaceInfo: Sendable, Equatable {
    /// An endpoint of the interface (USB 2.0 ch. 9.6.6).
    public struct Endpoint: Sendable, Equatable {
        public let address: UInt8
        public let maxPacketSize: UInt16
        /// Polling interval in frames (1 ms at full speed).
        public let interval: UInt8

        public init(address: UInt8, maxPacketSize: UInt16, interval: UInt8) {
            self.address = address
            self.maxPacketSize = maxPacketSize
            self.interval = interval
        }
    }

    public let number: UInt8
    public let alternateSetting: UInt8
    /// 1 = boot interface (HID 1.11 ch. 4.2).
    public let subclass: UInt8
    /// With subclass 1: 1 = keyboard, 2 = mouse (HID 1.11 ch. 4.3).
    public let protocolCode: UInt8
    /// The interrupt IN endpoint that carries input reports.
    public let inEndpoint: Endpoint?
    /// The optional interrupt OUT endpoint for output reports (else SET_REPORT is used).
    public let outEndpoint: Endpoint?
    /// wDescriptorLength of the report descriptor, from the HID class descriptor.
    public let reportDescriptorLength: Int?

    public init(
        number: UInt8, alternateSetting: UInt8 = 0, subclass: UInt8, protocolCode: UInt8, inEndpoint: Endpoint?,
        outEndpoint: Endpoint? = nil, reportDescriptorLength: Int?
    ) {
        self.number = number
        self.alternateSetting = alternateSetting
        self.subclass = subclass
        self.protocolCode = protocolCode
        self.inEndpoint = inEndpoint
        self.outEndpoint = outEndpoint
        self.reportDescriptorLength = reportDescriptorLength
    }

    /// Keyboard-wedge scanners present themselves as boot keyboards (HID 1.11 appendix B.1).
    public var isBootKeyboard: Bool { subclass == 1 && protocolCode == 1 }
    /// Boot mice are never scanners.
    public var isBootMouse: Bool { subclass == 1 && protocolCode == 2 }
}

func hex4(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

func hex2(_ value: UInt8) -> String {
    let digits = String(value, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
}
