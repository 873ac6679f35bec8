import CLibUSB

/// A failed libusb call, carrying libusb's own code and texts and the call that failed.
///
/// Modelled on hidapi's single error type and on swift-nio's syscall wrappers: every libusb
/// result is checked at the boundary and turned into this value, so a caller (or a log line)
/// can say what failed and where, e.g. `libusb_open failed on 1-1.2 (0c2e:0b61):
/// LIBUSB_ERROR_ACCESS (-3): Access denied (insufficient permissions)` — which on Linux means
/// the udev rule granting the service's group the `/dev/bus/usb` node is missing.
public struct USBError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libusb's error code (`enum libusb_error`, negative).
    public let code: Int32
    /// `libusb_error_name(code)`, e.g. `LIBUSB_ERROR_NO_DEVICE`.
    public let name: String
    /// `libusb_strerror(code)`, plus any detail this layer adds.
    public let message: String
    /// The libusb function (or driver step) that failed.
    public let call: String
    /// Which device, when known: bus path and `vid:pid`.
    public let device: String?

    public init(code: Int32, call: String, device: String? = nil, detail: String? = nil) {
        self.code = code
        self.name = String(cString: libusb_error_name(code))
        let text = String(cString: libusb_strerror(code))
        self.message = detail.map { "\(text); \($0)" } ?? text
        self.call = call
        self.device = device
    }

    /// The error for an asynchronous transfer that ended with `status` (libusb reports those as
    /// `enum libusb_transfer_status`, not as error codes; they are mapped to the nearest code).
    init(transferStatus status: libusb_transfer_status, call: String, device: String?) {
        let code: libusb_error
        switch status {
        case LIBUSB_TRANSFER_NO_DEVICE: code = LIBUSB_ERROR_NO_DEVICE
        case LIBUSB_TRANSFER_TIMED_OUT: code = LIBUSB_ERROR_TIMEOUT
        case LIBUSB_TRANSFER_STALL: code = LIBUSB_ERROR_PIPE
        case LIBUSB_TRANSFER_OVERFLOW: code = LIBUSB_ERROR_OVERFLOW
        case LIBUSB_TRANSFER_CANCELLED: code = LIBUSB_ERROR_INTERRUPTED
        default: code = LIBUSB_ERROR_IO
        }
        self.init(code: code.rawValue, call: call, device: device, detail: "transfer status \(status.rawValue)")
    }

    public var description: String {
        let place = device.map { " on \($0)" } ?? ""
        return "\(call) failed\(place): \(name) (\(code)): \(message)"
    }

    /// The device is gone (unplugged); the caller should drop its handle.
    public var isNoDevice: Bool { code == LIBUSB_ERROR_NO_DEVICE.rawValue }
    /// The call timed out; nothing went wrong.
    public var isTimeout: Bool { code == LIBUSB_ERROR_TIMEOUT.rawValue }
    /// Access denied: on Linux, the udev rule for the scanner's node is missing.
    public var isAccessDenied: Bool { code == LIBUSB_ERROR_ACCESS.rawValue }
}

/// Checks a libusb result: negative values throw, others are returned.
@discardableResult
func usbCheck(_ result: Int32, _ call: String, device: String? = nil) throws(USBError) -> Int32 {
    if result < 0 {
        throw USBError(code: result, call: call, device: device)
    }
    return result
}
