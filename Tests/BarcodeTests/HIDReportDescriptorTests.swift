import Foundation
import Testing

@testable import Barcode

/// A scanned-data report descriptor written for these tests from the HID Point of Sale Usage
/// Tables 1.02 (Bar Code Scanner page 0x8C) in the layout Honeywell scanners use. No authentic
/// 0x8C descriptor dump exists among the fixtures (see fixtures README, "Known gaps").
enum HandWrittenDescriptors {
    static let honeywellStyle: [UInt8] = [
        0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01,  // Usage Page (Bar Code Scanner), Usage (Bar Code Scanner), Collection (Application)
        0x09, 0x12, 0xA1, 0x02, 0x85, 0x02,  // Usage (Scanned Data Report), Collection (Logical), Report ID (2)
        0x15, 0x00, 0x26, 0xFF, 0x00, 0x75, 0x08, 0x95, 0x01,  // Logical 0..255, Report Size 8, Count 1
        0x05, 0x01, 0x09, 0x3B, 0x81, 0x02,  // Generic Desktop Byte Count, Input (Data,Var,Abs)
        0x95, 0x03, 0x05, 0x8C, 0x09, 0xFB, 0x09, 0xFC, 0x09, 0xFD, 0x81, 0x02,  // Symbology Identifier 1-3
        0x95, 0x38, 0x09, 0xFE, 0x82, 0x02, 0x01,  // 56 × Decoded Data, Input (Buffered Bytes)
        0x06, 0x66, 0xFF, 0x95, 0x02, 0x09, 0x04, 0x09, 0x00, 0x81, 0x02,  // vendor page: Code ID + reserved
        0x05, 0x8C, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x09, 0xFF, 0x81, 0x02,  // 8 × Decode Data Continued bits
        0xC0, 0xC0,
    ]

    /// The same usages in a different order and with report ID 3 and no Byte Count: the decoder
    /// must follow the descriptor, not the common layout.
    static let reordered: [UInt8] = [
        0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x03,
        0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0x09, 0xFF, 0x81, 0x02,  // continued flag first (bit 0)
        0x75, 0x07, 0x81, 0x03,  // 7 padding bits
        0x26, 0xFF, 0x00, 0x75, 0x08, 0x95, 0x03, 0x09, 0xFB, 0x09, 0xFC, 0x09, 0xFD, 0x81, 0x02,
        0x95, 0x10, 0x09, 0xFE, 0x82, 0x02, 0x01,  // 16 data bytes
        0xC0,
    ]
}

@Suite("HID report descriptors")
struct HIDReportDescriptorTests {
    /// The Datalogic GD4400 keyboard descriptor from the fixtures (65 bytes, a real dump).
    @Test func realDatalogicKeyboardDescriptor() throws {
        let captures = try #require(try Fixtures.json("usb/hid_scanner_captures.json") as? [String: Any])
        let entry = try #require((captures["keyboard_wedge_report_descriptors"] as? [[String: Any]])?.first)
        let hex = try #require(entry["bytes_hex"] as? String)
        let bytes = hex.split(separator: " ").compactMap { UInt8($0, radix: 16) }
        #expect(bytes.count == entry["length"] as? Int)
        let descriptor = try HIDReportDescriptor(bytes: bytes)
        #expect(!descriptor.usesReportIDs)
        #expect(descriptor.reportLength(.input, reportID: 0) == 8)
        #expect(descriptor.reportLength(.output, reportID: 0) == 1)
        let inputs = descriptor.fields.filter { $0.kind == .input }
        #expect(inputs.count == 3)
        #expect(inputs[0].bitOffset == 0 && inputs[0].bitSize == 1 && inputs[0].count == 8 && inputs[0].isVariable)
        #expect(inputs[0].usages == Array(0x0007_00E0...0x0007_00E7))
        #expect(inputs[1].isConstant && inputs[1].bitOffset == 8 && inputs[1].bitSize == 8)
        #expect(inputs[2].bitOffset == 16 && inputs[2].count == 6 && !inputs[2].isVariable && inputs[2].logicalMaximum == 255)
        #expect(inputs[2].usages.count == 256 && inputs[2].usages.first == 0x0007_0000)
        #expect(!descriptor.mentions(page: 0x8C))
        #expect(HIDPOSLayout(descriptor: descriptor) == nil)
        #expect(KeyboardWedgeDecoder.Options(descriptor: descriptor).reportID == nil)
    }

    @Test func keyboardReportIDIsTakenFromTheDescriptor() throws {
        // A keyboard collection with Report ID 1 (composite keyboard+consumer devices do this).
        let bytes: [UInt8] = [
            0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x85, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01,
            0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x06, 0x26, 0xFF, 0x00,
            0x19, 0x00, 0x2A, 0xFF, 0x00, 0x81, 0x00, 0xC0,
        ]
        let descriptor = try HIDReportDescriptor(bytes: bytes)
        let options = KeyboardWedgeDecoder.Options(descriptor: descriptor)
        #expect(options.reportID == 1)
        var decoder = KeyboardWedgeDecoder(options: options)
        #expect(decoder.decode([1, 0, 0, 0x04, 0, 0, 0, 0, 0]) == .none)
        #expect(decoder.decode([1, 0, 0, 0x28, 0, 0, 0, 0, 0]) == .scan("a"))
        if case .rejected = decoder.decode([2, 0, 0, 0x04, 0, 0, 0, 0, 0]) {} else { Issue.record("other report ID accepted") }
    }

    @Test func posLayoutFromDescriptorMatchesTheCommonLayout() throws {
        let descriptor = try HIDReportDescriptor(bytes: HandWrittenDescriptors.honeywellStyle)
        #expect(descriptor.mentions(page: 0x8C))
        let layout = try #require(HIDPOSLayout(descriptor: descriptor))
        #expect(layout.reportID == 2)
        #expect(layout.byteCountOffset == 0)
        #expect(layout.symbologyOffsets == [1, 2, 3])
        #expect(layout.dataOffset == 4 && layout.dataCapacity == 56)
        #expect(layout.continuedByte == 62 && layout.continuedBit == 0)
        #expect(layout.length == 63)
    }

    @Test func malformedDescriptorsThrow() {
        #expect(throws: BarcodeError.self) { try HIDReportDescriptor(bytes: []) }
        #expect(throws: BarcodeError.self) { try HIDReportDescriptor(bytes: [0x05]) }  // item cut short
        #expect(throws: BarcodeError.self) { try HIDReportDescriptor(bytes: [0xC0]) }  // End Collection alone
        #expect(throws: BarcodeError.self) { try HIDReportDescriptor(bytes: [0xB4]) }  // Pop without Push
        #expect(throws: BarcodeError.self) { try HIDReportDescriptor(bytes: [0x85, 0x00, 0x81, 0x02]) }  // report ID 0
    }
}
