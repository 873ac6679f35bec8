import Foundation

/// Files the tests read, found from this file's path (CI runs a clone elsewhere, with shared/
/// beside the package root).
enum TestPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scannerTable = packageRoot.appendingPathComponent("Resources/scanners/scanners.tsv")
    static let fixtures = packageRoot.appendingPathComponent("../shared/fixtures").standardizedFileURL
    static let usbIDs = fixtures.appendingPathComponent("usb/usb_ids_barcode_vendors.txt")
    static let hidCaptures = fixtures.appendingPathComponent("usb/hid_scanner_captures.json")
}

/// The real captures in `usb/hid_scanner_captures.json`.
struct HIDCaptures: Decodable {
    struct KeyboardDescriptor: Decodable {
        let device: String
        let bytes_hex: String
        let length: Int
    }
    struct POSCapture: Decodable {
        let device: String
        let reports: [[UInt8]]
        let expected_concatenated_text: String
    }
    let keyboard_wedge_report_descriptors: [KeyboardDescriptor]
    let hid_pos_input_reports: [POSCapture]

    static func load() throws -> HIDCaptures {
        try JSONDecoder().decode(HIDCaptures.self, from: Data(contentsOf: TestPaths.hidCaptures))
    }
}

extension HIDCaptures.KeyboardDescriptor {
    var bytes: [UInt8] {
        bytes_hex.split(separator: " ").compactMap { UInt8($0, radix: 16) }
    }
}
