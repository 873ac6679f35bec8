import Foundation
import Testing

@testable import ScannerDriver

@Suite("VID:PID selectors")
struct SelectorTests {
    @Test(
        "well-formed selectors",
        arguments: [
            ("0c2e:0b61", UInt16(0x0C2E), UInt16?(0x0B61), "0c2e:0b61"),
            ("0C2E:0B61", 0x0C2E, 0x0B61, "0c2e:0b61"),
            (" 0x0c2e:0x0b61 ", 0x0C2E, 0x0B61, "0c2e:0b61"),
            ("1eab:*", 0x1EAB, nil, "1eab:*"),
            ("c2e:b61", 0x0C2E, 0x0B61, "0c2e:0b61"),
        ])
    func parses(text: String, vid: UInt16, pid: UInt16?, canonical: String) throws {
        let selector = try USBDeviceSelector(parsing: text)
        #expect(selector.vendorID == vid)
        #expect(selector.productID == pid)
        #expect(selector.description == canonical)
    }

    @Test(
        "garbage is refused with the reason",
        arguments: [
            ("", "expected VID:PID in hex, like 0c2e:0b61"),
            ("0c2e", "expected VID:PID in hex, like 0c2e:0b61"),
            ("0c2e:0b61:1", "expected VID:PID in hex, like 0c2e:0b61"),
            ("0c2e-0b61", "expected VID:PID in hex, like 0c2e:0b61"),
            (":0b61", "the vendor id is empty"),
            ("0c2e:", "the product id is empty"),
            ("0c2e:0x", "the product id is empty"),
            ("0c2e5:0b61", "the vendor id '0c2e5' has more than 4 hex digits"),
            ("0c2g:0b61", "the vendor id '0c2g' is not hexadecimal"),
            ("0c2e:0b 61", "the product id '0b 61' is not hexadecimal"),
            ("0c2e:-1", "the product id '-1' is not hexadecimal"),
            ("０c2e:0b61", "the vendor id '０c2e' is not hexadecimal"),
        ])
    func refuses(text: String, reason: String) {
        #expect(throws: USBDeviceSelectorError(text: text, reason: reason)) {
            try USBDeviceSelector(parsing: text)
        }
        let message = USBDeviceSelectorError(text: text, reason: reason).description
        #expect(message == "'\(text)' is not a USB device selector: \(reason)")
    }

    @Test("matching")
    func matching() throws {
        let exact = try USBDeviceSelector(parsing: "0c2e:0b61")
        let vendor = try USBDeviceSelector(parsing: "0c2e:*")
        #expect(exact.matches(vendorID: 0x0C2E, productID: 0x0B61))
        #expect(!exact.matches(vendorID: 0x0C2E, productID: 0x0B62))
        #expect(vendor.matches(vendorID: 0x0C2E, productID: 0x1234))
        #expect(!vendor.matches(vendorID: 0x0C2F, productID: 0x0B61))
    }
}

@Suite("HID report descriptors")
struct ReportDescriptorTests {
    @Test("a real keyboard-wedge descriptor (Datalogic GD4400) declares desktop, keyboard and LED pages, not 0x8C")
    func realKeyboardWedge() throws {
        let captured = try #require(try HIDCaptures.load().keyboard_wedge_report_descriptors.first)
        let bytes = captured.bytes
        #expect(bytes.count == captured.length)
        let descriptor = HIDReportDescriptor(bytes)
        #expect(descriptor.usagePages == [0x01, 0x07, 0x08])
        #expect(descriptor.reportIDs.isEmpty)
        #expect(descriptor.isWellFormed)
        #expect(!descriptor.declaresBarCodeScannerPage)
    }

    @Test("page 0x8C is found in one- and two-byte Usage Page items; report IDs are listed")
    func barCodeScannerPage() {
        let oneByte = HIDReportDescriptor([0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0xC0])
        #expect(oneByte.usagePages == [0x8C])
        #expect(oneByte.reportIDs == [2])
        #expect(oneByte.declaresBarCodeScannerPage)
        let twoBytes = HIDReportDescriptor([0x06, 0x8C, 0x00, 0x09, 0x02, 0xA1, 0x01, 0x06, 0x00, 0xFF, 0xC0])
        #expect(twoBytes.usagePages == [0x8C, 0xFF00])
        #expect(twoBytes.declaresBarCodeScannerPage)
        // 0x8C as the data of another item (Usage 0x8C on the desktop page) is not a usage page.
        #expect(!HIDReportDescriptor([0x05, 0x01, 0x09, 0x8C, 0xC0]).declaresBarCodeScannerPage)
        // A long item (0xFE) is skipped whole, even when its data looks like a usage page item.
        #expect(HIDReportDescriptor([0xFE, 0x02, 0x10, 0x05, 0x8C, 0x05, 0x01]).usagePages == [0x01])
    }

    @Test("a truncated descriptor keeps what was parsed and says it is not well formed")
    func truncated() {
        let cut = HIDReportDescriptor([0x05, 0x01, 0x09, 0x06, 0x06, 0x8C])
        #expect(cut.usagePages == [0x01])
        #expect(!cut.isWellFormed)
        #expect(HIDReportDescriptor([]).isWellFormed)
    }

    @Test("the report descriptor's length is read from the HID class descriptor")
    func classDescriptorLength() {
        // HID descriptor: bcdHID 1.11, country 0, one descriptor: report, 63 bytes.
        #expect(USBDeviceInfo.reportDescriptorLength(inClassDescriptors: [9, 0x21, 0x11, 0x01, 0, 1, 0x22, 63, 0]) == 63)
        // A vendor descriptor before it, and a 0x0123-byte report descriptor listed second.
        let two: [UInt8] = [4, 0x24, 1, 2, 12, 0x21, 0x11, 0x01, 0, 2, 0x23, 9, 0, 0x22, 0x23, 0x01]
        #expect(USBDeviceInfo.reportDescriptorLength(inClassDescriptors: two) == 0x0123)
        #expect(USBDeviceInfo.reportDescriptorLength(inClassDescriptors: [9, 0x21, 0x11]) == nil)
        #expect(USBDeviceInfo.reportDescriptorLength(inClassDescriptors: []) == nil)
    }
}

@Suite("USB errors")
struct USBErrorTests {
    @Test("carry libusb's code, name and text and say which call failed where")
    func texts() {
        let error = USBError(code: -4, call: "libusb_open", device: "1-1.2 (0c2e:0b61)")
        #expect(error.name == "LIBUSB_ERROR_NO_DEVICE")
        #expect(error.message == "No such device (it may have been disconnected)")
        #expect(error.isNoDevice)
        #expect(
            error.description
                == "libusb_open failed on 1-1.2 (0c2e:0b61): LIBUSB_ERROR_NO_DEVICE (-4): No such device (it may have been disconnected)")
        let denied = USBError(code: -3, call: "libusb_open")
        #expect(denied.isAccessDenied)
        #expect(denied.description == "libusb_open failed: LIBUSB_ERROR_ACCESS (-3): Access denied (insufficient permissions)")
    }
}
