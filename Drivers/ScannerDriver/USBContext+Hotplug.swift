import CLibUSB
import Foundation

/// A device arriving on or leaving the bus.
public enum USBHotplugEvent: Sendable, Equatable {
    case arrived(USBDeviceInfo)
    case left(USBDeviceInfo)
}

/// A registered hotplug handler; `cancel()` deregisters it.
public final class USBHotplugRegistration: @unchecked Sendable {
    private let context: USBContext
    private let handle: libusb_hotplug_callback_handle
    private let lock = NSLock()
    private var active = true

    init(context: USBContext, handle: libusb_hotplug_callback_handle) {
        self.context = context
        self.handle = handle
    }

    public func cancel() {
        lock.lock()
        let wasActive = active
        active = false
        lock.unlock()
        guard wasActive, let raw = try? context.raw("libusb_hotplug_deregister_callback") else { return }
        libusb_hotplug_deregister_callback(raw, handle)
    }
}

/// A libusb device pointer that may cross threads (libusb devices are reference counted and
/// thread safe; the holder owns one reference unless said otherwise).
struct DeviceRef: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Holds a Swift handler for the C hotplug callback. Kept alive by the context until
/// `close()`, because libusb may still be inside a callback while it is being deregistered.
final class HotplugBox: @unchecked Sendable {
    let handler: @Sendable (DeviceRef, Bool) -> Void

    init(handler: @escaping @Sendable (DeviceRef, Bool) -> Void) {
        self.handler = handler
    }
}

private let hotplugTrampoline: libusb_hotplug_callback_fn = { _, device, event, userData in
    guard let device, let userData else { return 0 }
    let box = Unmanaged<HotplugBox>.fromOpaque(userData).takeUnretainedValue()
    box.handler(DeviceRef(pointer: device), event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED)
    return 0  // stay registered
}

extension USBContext {
    /// Calls `handler` for every device that arrives or leaves, on the event-handling thread
    /// (start it with `startEventHandling()`); with `includeExisting`, first for every device
    /// already present, on the calling thread. The handler must not block: it runs inside
    /// libusb's event handling, where synchronous transfers cannot complete.
    public func addHotplugHandler(
        includeExisting: Bool, _ handler: @escaping @Sendable (USBHotplugEvent) -> Void
    ) throws(USBError) -> USBHotplugRegistration {
        try registerHotplug(includeExisting: includeExisting) { device, arrived in
            guard let info = try? USBDeviceInfo(device: device.pointer) else { return }
            handler(arrived ? .arrived(info) : .left(info))
        }
    }

    /// Whether this libusb and platform deliver hotplug events.
    public var supportsHotplug: Bool {
        libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0
    }

    /// The raw form: the device pointer is only valid during the call (take a reference with
    /// `libusb_ref_device` to keep it).
    func registerHotplug(
        includeExisting: Bool, _ handler: @escaping @Sendable (DeviceRef, Bool) -> Void
    ) throws(USBError) -> USBHotplugRegistration {
        let context = try raw("libusb_hotplug_register_callback")
        let box = HotplugBox(handler: handler)
        retain(box)
        var handle: libusb_hotplug_callback_handle = 0
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let flags = includeExisting ? Int32(LIBUSB_HOTPLUG_ENUMERATE.rawValue) : 0
        try usbCheck(
            libusb_hotplug_register_callback(
                context, events, flags, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
                hotplugTrampoline, Unmanaged.passUnretained(box).toOpaque(), &handle),
            "libusb_hotplug_register_callback")
        return USBHotplugRegistration(context: self, handle: handle)
    }
}
