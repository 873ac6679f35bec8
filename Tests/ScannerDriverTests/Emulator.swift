import Foundation
import ScannerEmulator

/// The C scanner emulator, for tests. One per process at a time (umockdev's testbed is
/// global); create it and its devices before the `USBContext`, free it after closing that.
final class Emulator: @unchecked Sendable {
    struct Device: Hashable {
        let id: Int32
    }

    enum Kind {
        case keyboardWedge, hidPOS, vendorSerial, bootMouse

        var raw: ScannerEmulatorKind {
            switch self {
            case .keyboardWedge: SCANNER_EMULATOR_KEYBOARD_WEDGE
            case .hidPOS: SCANNER_EMULATOR_HID_POS
            case .vendorSerial: SCANNER_EMULATOR_VENDOR_SERIAL
            case .bootMouse: SCANNER_EMULATOR_BOOT_MOUSE
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var pointer: OpaquePointer?

    init() throws {
        var error = [CChar](repeating: 0, count: 256)
        guard let emulator = scanner_emulator_new(&error, error.count) else {
            throw Failure(description: "scanner emulator: " + text(error))
        }
        pointer = emulator
    }

    /// Frees the testbed. libusb must be closed before.
    func free() {
        if let pointer { scanner_emulator_free(pointer) }
        pointer = nil
    }

    @discardableResult
    func add(
        _ kind: Kind, vendor: UInt16, product: UInt16, bus: UInt8 = 1, ports: String, address: UInt8,
        reportDescriptor: [UInt8]? = nil
    ) throws -> Device {
        var error = [CChar](repeating: 0, count: 256)
        let id: Int32 = ports.withCString { portsPointer in
            var spec = ScannerEmulatorDeviceSpec()
            spec.kind = kind.raw
            spec.vendor_id = vendor
            spec.product_id = product
            spec.bus = bus
            spec.devnum = address
            spec.ports = portsPointer
            guard let reportDescriptor else { return scanner_emulator_add_device(pointer, &spec, &error, error.count) }
            return reportDescriptor.withUnsafeBufferPointer { bytes in
                spec.report_descriptor = bytes.baseAddress
                spec.report_descriptor_length = bytes.count
                return scanner_emulator_add_device(pointer, &spec, &error, error.count)
            }
        }
        guard id >= 0 else { throw Failure(description: "adding a device: " + text(error)) }
        return Device(id: id)
    }

    func queue(_ report: [UInt8], on device: Device) throws {
        guard scanner_emulator_queue_report(pointer, device.id, report, report.count) == 0 else {
            throw Failure(description: "queue refused a \(report.count)-byte report")
        }
    }

    func queue(_ reports: [[UInt8]], on device: Device) throws {
        for report in reports { try queue(report, on: device) }
    }

    /// Reports of equal length, the i-th ready i * interval from now, at most fifoDepth
    /// waiting in the device (0 = unlimited).
    func queuePaced(_ reports: [[UInt8]], on device: Device, intervalMicroseconds: UInt32, fifoDepth: UInt32) throws {
        guard let length = reports.first?.count, reports.allSatisfy({ $0.count == length }) else {
            throw Failure(description: "paced reports must all have one length")
        }
        let bytes = reports.flatMap { $0 }
        guard
            scanner_emulator_queue_paced(
                pointer, device.id, bytes, length, reports.count, intervalMicroseconds, fifoDepth) == 0
        else { throw Failure(description: "queue_paced refused the reports") }
    }

    func unplug(_ device: Device) throws {
        guard scanner_emulator_unplug(pointer, device.id) == 0 else { throw Failure(description: "unplug failed") }
    }

    /// Plugs back in; returns the new address.
    @discardableResult
    func replug(_ device: Device) throws -> UInt8 {
        let address = scanner_emulator_replug(pointer, device.id, 0)
        guard address > 0 else { throw Failure(description: "replug failed") }
        return UInt8(address)
    }

    func sent(_ device: Device) -> UInt64 { scanner_emulator_sent(pointer, device.id) }
    func dropped(_ device: Device) -> UInt64 { scanner_emulator_dropped(pointer, device.id) }
    func pending(_ device: Device) -> Int { scanner_emulator_pending(pointer, device.id) }
    func kernelDriverBound(_ device: Device) -> Bool { scanner_emulator_kernel_driver_bound(pointer, device.id) == 1 }
    func interfaceClaimed(_ device: Device) -> Bool { scanner_emulator_interface_claimed(pointer, device.id) == 1 }
    func address(_ device: Device) -> Int { Int(scanner_emulator_devnum(pointer, device.id)) }

    /// The last output report the device received and how many it received in all.
    func lastOutputReport(_ device: Device) -> (bytes: [UInt8], count: UInt64) {
        var buffer = [UInt8](repeating: 0, count: 64)
        var count: UInt64 = 0
        let n = scanner_emulator_last_output_report(pointer, device.id, &buffer, buffer.count, &count)
        return (Array(buffer.prefix(n)), count)
    }
}

/// A NUL-terminated C message buffer as a String.
private func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
