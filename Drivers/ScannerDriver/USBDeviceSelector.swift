import Foundation

/// An operator's explicit choice of device, written `VID:PID` in hex as `lsusb` prints it
/// (`0c2e:0b61`), or `VID:*` for every product of a vendor. With selectors configured, only
/// the selected devices are read, whatever the device table says.
public struct USBDeviceSelector: Sendable, Hashable, CustomStringConvertible {
    public let vendorID: UInt16
    /// nil: any product of the vendor.
    public let productID: UInt16?

    public init(vendorID: UInt16, productID: UInt16?) {
        self.vendorID = vendorID
        self.productID = productID
    }

    /// Parses `VID:PID` (1 to 4 hex digits each, an optional `0x`, any case; PID may be `*`).
    /// Refuses anything else with a message saying what was wrong.
    public init(parsing text: String) throws(USBDeviceSelectorError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw USBDeviceSelectorError(text: text, reason: "expected VID:PID in hex, like 0c2e:0b61")
        }
        vendorID = try Self.hex(parts[0], field: "vendor id", text: text)
        productID = parts[1] == "*" ? nil : try Self.hex(parts[1], field: "product id", text: text)
    }

    private static func hex(_ part: Substring, field: String, text: String) throws(USBDeviceSelectorError) -> UInt16 {
        var digits = part
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty else {
            throw USBDeviceSelectorError(text: text, reason: "the \(field) is empty")
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
            throw USBDeviceSelectorError(text: text, reason: "the \(field) '\(part)' is not hexadecimal")
        }
        guard digits.count <= 4, let value = UInt16(digits, radix: 16) else {
            throw USBDeviceSelectorError(text: text, reason: "the \(field) '\(part)' has more than 4 hex digits")
        }
        return value
    }

    public func matches(vendorID: UInt16, productID: UInt16) -> Bool {
        vendorID == self.vendorID && (self.productID == nil || self.productID == productID)
    }

    public var description: String { hex4(vendorID) + ":" + (productID.map(hex4) ?? "*") }
}

/// A `VID:PID` selector that could not be read.
public struct USBDeviceSelectorError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "'\(text)' is not a USB device selector: \(reason)" }
}
