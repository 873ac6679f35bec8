import CLibUSB
import Foundation

/// A libusb session (`libusb_init` … `libusb_exit`): enumeration, opening devices, hotplug and
/// the thread that handles libusb's events.
///
/// Close it explicitly with `close()` once every handle and watcher made from it is closed:
/// libusb must be shut down before anything it talks to goes away (in tests, the emulated bus),
/// and deinit order is not something to rely on for that.
public final class USBContext: @unchecked Sendable {
    private let lock = NSLock()
    private var pointer: OpaquePointer?
    private var eventLoop: USBEventLoop?
    private var eventLoopUsers = 0
    private var hotplugBoxes: [HotplugBox] = []

    /// Starts libusb. On Linux this also enumerates the bus (udev) and starts libusb's hotplug
    /// monitor.
    public init() throws(USBError) {
        var context: OpaquePointer?
        try usbCheck(libusb_init(&context), "libusb_init")
        pointer = context
    }

    deinit {
        close()
    }

    /// Stops event handling and calls `libusb_exit`. Idempotent. Handles still open are
    /// invalid afterwards.
    public func close() {
        lock.lock()
        let loop = eventLoop
        eventLoop = nil
        eventLoopUsers = 0
        let context = pointer
        pointer = nil
        lock.unlock()
        loop?.stop()
        if let context { libusb_exit(context) }
        lock.lock()
        hotplugBoxes = []
        lock.unlock()
    }

    func retain(_ box: HotplugBox) {
        lock.lock()
        hotplugBoxes.append(box)
        lock.unlock()
    }

    /// The raw context, or an error saying the context was closed.
    func raw(_ call: String) throws(USBError) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        guard let pointer else {
            throw USBError(code: LIBUSB_ERROR_OTHER.rawValue, call: call, detail: "the USBContext was closed")
        }
        return pointer
    }

    /// Every device on the bus, with its HID interfaces (read from cached descriptors; nothing
    /// is opened).
    public func devices() throws(USBError) -> [USBDeviceInfo] {
        let context = try raw("libusb_get_device_list")
        return try withDeviceList(context) { list throws(USBError) in
            var result: [USBDeviceInfo] = []
            for device in list {
                result.append(try USBDeviceInfo(device: device))
            }
            return result
        }
    }

    /// Opens the device at this bus and address (as enumerated by `devices()`).
    public func open(_ info: USBDeviceInfo) throws(USBError) -> USBDeviceHandle {
        let context = try raw("libusb_open")
        let handle: USBDeviceHandle? = try withDeviceList(context) { list throws(USBError) in
            for device in list
            where libusb_get_bus_number(device) == info.busNumber && libusb_get_device_address(device) == info.address {
                return try USBDeviceHandle(device: device, context: self)
            }
            return nil
        }
        guard let handle else {
            throw USBError(
                code: LIBUSB_ERROR_NO_DEVICE.rawValue, call: "libusb_open", device: info.description,
                detail: "no device at bus \(info.busNumber) address \(info.address) any more")
        }
        return handle
    }

    /// Opens the first device matching the selector (`VID:PID` given by an operator).
    public func open(_ selector: USBDeviceSelector) throws(USBError) -> USBDeviceHandle {
        guard let info = try devices().first(where: { selector.matches(vendorID: $0.vendorID, productID: $0.productID) })
        else {
            throw USBError(
                code: LIBUSB_ERROR_NOT_FOUND.rawValue, call: "libusb_open", device: selector.description,
                detail: "no device matches \(selector)")
        }
        return try open(info)
    }

    /// Handles pending libusb events once, waiting at most `timeout` (for callers that run
    /// their own loop instead of `startEventHandling()`).
    public func handleEvents(timeout: Duration) throws(USBError) {
        let context = try raw("libusb_handle_events_timeout_completed")
        let (seconds, attoseconds) = timeout.components
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        try usbCheck(libusb_handle_events_timeout_completed(context, &tv, nil), "libusb_handle_events_timeout_completed")
    }

    /// Starts (or joins) the background thread that handles libusb events: asynchronous
    /// transfers complete and hotplug callbacks run on it. Balanced by `stopEventHandling()`.
    public func startEventHandling() throws(USBError) {
        let context = try raw("libusb_handle_events")
        lock.lock()
        defer { lock.unlock() }
        eventLoopUsers += 1
        if eventLoop == nil {
            let loop = USBEventLoop(context: context)
            loop.start()
            eventLoop = loop
        }
    }

    /// Releases one `startEventHandling()`; the thread stops when the last user is gone.
    public func stopEventHandling() {
        lock.lock()
        var loop: USBEventLoop?
        if eventLoopUsers > 0 {
            eventLoopUsers -= 1
            if eventLoopUsers == 0 {
                loop = eventLoop
                eventLoop = nil
            }
        }
        lock.unlock()
        loop?.stop()
    }
}

/// Runs `body` over `libusb_get_device_list` and frees the list (and its references) after.
func withDeviceList<T>(
    _ context: OpaquePointer, _ body: ([OpaquePointer]) throws(USBError) -> T
) throws(USBError) -> T {
    var list: UnsafeMutablePointer<OpaquePointer?>?
    let count = try usbCheck(Int32(truncatingIfNeeded: libusb_get_device_list(context, &list)), "libusb_get_device_list")
    defer { libusb_free_device_list(list, 1) }
    var devices: [OpaquePointer] = []
    if let list {
        for i in 0..<Int(count) {
            if let device = list[i] { devices.append(device) }
        }
    }
    return try body(devices)
}
