import CLibUSB
import Foundation

/// An open USB device (`libusb_open` … `libusb_close`), in the manner of hidapi's handle:
/// claim a HID interface, read its report descriptor, read input reports with a timeout, send
/// an output report, close.
///
/// Claiming detaches the kernel's HID driver (`libusb_set_auto_detach_kernel_driver`), so a
/// keyboard-wedge scanner stops typing into the console while the service reads it; releasing
/// (or closing) hands the interface back to the kernel driver.
public final class USBDeviceHandle: @unchecked Sendable {
    /// The device as enumerated when it was opened.
    public let device: USBDeviceInfo
    private let lock = NSLock()
    private var pointer: OpaquePointer?
    private var claimed: [UInt8] = []
    private let context: USBContext

    init(device: OpaquePointer, context: USBContext) throws(USBError) {
        let info = try USBDeviceInfo(device: device)
        var handle: OpaquePointer?
        try usbCheck(libusb_open(device, &handle), "libusb_open", device: info.description)
        guard let handle else {
            throw USBError(code: LIBUSB_ERROR_OTHER.rawValue, call: "libusb_open", device: info.description)
        }
        // Not supported off Linux (LIBUSB_ERROR_NOT_SUPPORTED); there no kernel driver to detach.
        _ = libusb_set_auto_detach_kernel_driver(handle, 1)
        self.device = info
        self.pointer = handle
        self.context = context
    }

    deinit {
        close()
    }

    func raw(_ call: String) throws(USBError) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        guard let pointer else {
            throw USBError(
                code: LIBUSB_ERROR_OTHER.rawValue, call: call, device: device.description,
                detail: "the device handle was closed")
        }
        return pointer
    }

    /// Claims an interface, detaching the kernel driver bound to it.
    public func claim(interface: UInt8) throws(USBError) {
        let handle = try raw("libusb_claim_interface")
        try usbCheck(libusb_claim_interface(handle, Int32(interface)), "libusb_claim_interface", device: device.description)
        lock.lock()
        if !claimed.contains(interface) { claimed.append(interface) }
        lock.unlock()
    }

    /// Releases an interface; libusb re-attaches the kernel driver.
    public func release(interface: UInt8) throws(USBError) {
        let handle = try raw("libusb_release_interface")
        lock.lock()
        claimed.removeAll { $0 == interface }
        lock.unlock()
        try usbCheck(
            libusb_release_interface(handle, Int32(interface)), "libusb_release_interface", device: device.description)
    }

    /// Whether a kernel driver is bound to the interface (`libusb_kernel_driver_active`).
    public func kernelDriverActive(interface: UInt8) throws(USBError) -> Bool {
        let handle = try raw("libusb_kernel_driver_active")
        let r = try usbCheck(
            libusb_kernel_driver_active(handle, Int32(interface)), "libusb_kernel_driver_active",
            device: device.description)
        return r == 1
    }

    /// Reads the HID report descriptor with a standard GET_DESCRIPTOR request to the interface
    /// (HID 1.11 ch. 7.1.1: bmRequestType 0x81, wValue 0x2200). The interface must be claimed:
    /// Linux refuses interface requests while the kernel HID driver holds it.
    public func reportDescriptor(interface: HIDInterfaceInfo, timeout: Duration = .seconds(1)) throws(USBError) -> [UInt8] {
        let length = min(max(interface.reportDescriptorLength ?? 4096, 1), 4096)
        return try controlIn(
            requestType: 0x81, request: UInt8(LIBUSB_REQUEST_GET_DESCRIPTOR.rawValue), value: 0x2200,
            index: UInt16(interface.number), length: length, timeout: timeout, call: "GET_DESCRIPTOR (HID report)")
    }

    /// A string descriptor in ASCII (manufacturer, product, serial number), nil if absent.
    public func string(index: UInt8) throws(USBError) -> String? {
        guard index != 0 else { return nil }
        let handle = try raw("libusb_get_string_descriptor_ascii")
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = try usbCheck(
            libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count)),
            "libusb_get_string_descriptor_ascii", device: device.description)
        return String(decoding: buffer.prefix(Int(n)), as: UTF8.self)
    }

    /// One control transfer from the device.
    public func controlIn(
        requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: Int, timeout: Duration,
        call: String = "libusb_control_transfer"
    ) throws(USBError) -> [UInt8] {
        let handle = try raw(call)
        var buffer = [UInt8](repeating: 0, count: length)
        let n = try usbCheck(
            libusb_control_transfer(
                handle, requestType, request, value, index, &buffer, UInt16(length), Self.milliseconds(timeout)),
            call, device: device.description)
        return Array(buffer.prefix(Int(n)))
    }

    /// Reads one input report from an interrupt IN endpoint; nil when none came within
    /// `timeout`. A report shorter than the packet size is returned as it came.
    public func readInterrupt(endpoint: HIDInterfaceInfo.Endpoint, timeout: Duration) throws(USBError) -> [UInt8]? {
        let handle = try raw("libusb_interrupt_transfer")
        var buffer = [UInt8](repeating: 0, count: Int(endpoint.maxPacketSize))
        var transferred: Int32 = 0
        let r = libusb_interrupt_transfer(
            handle, endpoint.address, &buffer, Int32(buffer.count), &transferred, Self.milliseconds(timeout))
        if r == LIBUSB_ERROR_TIMEOUT.rawValue && transferred == 0 { return nil }
        try usbCheck(r, "libusb_interrupt_transfer", device: device.description)
        return Array(buffer.prefix(Int(transferred)))
    }

    /// Sends an output report (a beep or LED command): on the interface's interrupt OUT
    /// endpoint if it has one, else as a HID SET_REPORT request (HID 1.11 ch. 7.2.2,
    /// bmRequestType 0x21, wValue = 0x0200 | report ID). With a report ID other than 0 the ID
    /// is sent as the first byte, as HID 1.11 ch. 5.6 requires.
    public func sendOutputReport(
        _ data: [UInt8], reportID: UInt8, interface: HIDInterfaceInfo, timeout: Duration = .seconds(1)
    ) throws(USBError) {
        let handle = try raw("sendOutputReport")
        var bytes = reportID == 0 ? data : [reportID] + data
        let ms = Self.milliseconds(timeout)
        if let out = interface.outEndpoint {
            var transferred: Int32 = 0
            try usbCheck(
                libusb_interrupt_transfer(handle, out.address, &bytes, Int32(bytes.count), &transferred, ms),
                "libusb_interrupt_transfer (output report)", device: device.description)
        } else {
            try usbCheck(
                libusb_control_transfer(
                    handle, 0x21, 0x09, 0x0200 | UInt16(reportID), UInt16(interface.number), &bytes, UInt16(bytes.count),
                    ms),
                "SET_REPORT (output)", device: device.description)
        }
    }

    /// Releases claimed interfaces (the kernel driver comes back) and closes. Idempotent.
    public func close() {
        lock.lock()
        let handle = pointer
        let interfaces = claimed
        pointer = nil
        claimed = []
        lock.unlock()
        guard let handle else { return }
        for interface in interfaces {
            _ = libusb_release_interface(handle, Int32(interface))  // fails with NO_DEVICE once unplugged
        }
        libusb_close(handle)
    }

    static func milliseconds(_ duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: max(ms, 1))  // libusb reads 0 as "wait forever"
    }
}
