import CLibUSB

extension USBDeviceInfo {
    /// Reads what libusb cached at enumeration (no I/O to the device): the device descriptor,
    /// the port chain and the first configuration's HID interfaces. Configuration index 0 is
    /// read rather than the active one because the latter needs sysfs, which a device that has
    /// just left no longer has.
    init(device: OpaquePointer) throws(USBError) {
        var descriptor = libusb_device_descriptor()
        try usbCheck(libusb_get_device_descriptor(device, &descriptor), "libusb_get_device_descriptor")
        var ports = [UInt8](repeating: 0, count: 8)
        let count = libusb_get_port_numbers(device, &ports, Int32(ports.count))
        let portNumbers = count > 0 ? Array(ports.prefix(Int(count))) : []
        var interfaces: [HIDInterfaceInfo] = []
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if descriptor.bNumConfigurations > 0, libusb_get_config_descriptor(device, 0, &config) == 0, let config {
            interfaces = Self.hidInterfaces(of: config.pointee)
            libusb_free_config_descriptor(config)
        }
        self.init(
            vendorID: descriptor.idVendor, productID: descriptor.idProduct, releaseNumber: descriptor.bcdDevice,
            busNumber: libusb_get_bus_number(device), address: libusb_get_device_address(device),
            portNumbers: portNumbers, hidInterfaces: interfaces)
    }

    private static func hidInterfaces(of config: libusb_config_descriptor) -> [HIDInterfaceInfo] {
        var result: [HIDInterfaceInfo] = []
        guard let interfaces = config.interface else { return result }
        for i in 0..<Int(config.bNumInterfaces) {
            let interface = interfaces[i]
            guard let settings = interface.altsetting else { continue }
            for a in 0..<Int(interface.num_altsetting) {
                let setting = settings[a]
                guard setting.bInterfaceClass == UInt8(LIBUSB_CLASS_HID.rawValue) else { continue }
                var inEndpoint: HIDInterfaceInfo.Endpoint?
                var outEndpoint: HIDInterfaceInfo.Endpoint?
                if let endpoints = setting.endpoint {
                    for e in 0..<Int(setting.bNumEndpoints) {
                        let ep = endpoints[e]
                        guard ep.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_INTERRUPT.rawValue) else { continue }
                        let info = HIDInterfaceInfo.Endpoint(
                            address: ep.bEndpointAddress, maxPacketSize: ep.wMaxPacketSize & 0x7FF,
                            interval: ep.bInterval)
                        if ep.bEndpointAddress & 0x80 != 0 {
                            if inEndpoint == nil { inEndpoint = info }
                        } else if outEndpoint == nil {
                            outEndpoint = info
                        }
                    }
                }
                let extra = setting.extra.map { Array(UnsafeBufferPointer(start: $0, count: Int(setting.extra_length))) }
                result.append(
                    HIDInterfaceInfo(
                        number: setting.bInterfaceNumber, alternateSetting: setting.bAlternateSetting,
                        subclass: setting.bInterfaceSubClass, protocolCode: setting.bInterfaceProtocol,
                        inEndpoint: inEndpoint, outEndpoint: outEndpoint,
                        reportDescriptorLength: extra.flatMap(reportDescriptorLength(inClassDescriptors:))))
            }
        }
        return result
    }

    /// Finds wDescriptorLength of the report descriptor (type 0x22) in the HID class descriptor
    /// (type 0x21) among an interface's extra descriptors (HID 1.11 ch. 6.2.1).
    static func reportDescriptorLength(inClassDescriptors bytes: [UInt8]) -> Int? {
        var at = 0
        while at + 2 <= bytes.count {
            let length = Int(bytes[at])
            guard length >= 2, at + length <= bytes.count else { return nil }
            if bytes[at + 1] == 0x21, length >= 9 {
                let count = Int(bytes[at + 5])
                for k in 0..<count {
                    let base = at + 6 + 3 * k
                    guard base + 2 < at + length else { break }
                    if bytes[base] == 0x22 {
                        return Int(bytes[base + 1]) | Int(bytes[base + 2]) << 8
                    }
                }
            }
            at += length
        }
        return nil
    }
}
