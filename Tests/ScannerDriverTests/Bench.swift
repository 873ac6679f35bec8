import Foundation
import ScannerDriver

/// Runs `body` with an emulator set up by `setup`, then libusb on top of it; closes libusb
/// before freeing the emulator, as umockdev requires.
func withBench(
    _ setup: (Emulator) throws -> Void, _ body: (Emulator, USBContext) throws -> Void
) throws {
    let emulator = try Emulator()
    defer { emulator.free() }
    try setup(emulator)
    let context = try USBContext()  // after the devices: libusb enumerates during init
    defer { context.close() }
    try body(emulator, context)
}

/// A started watcher recording into an `EventRecorder`. Stop it before the context closes.
func startWatcher(
    _ context: USBContext, matcher: ScannerMatcher? = nil, configuration: ScannerWatcher.Configuration = .init()
) throws -> (ScannerWatcher, EventRecorder) {
    let recorder = EventRecorder()
    let table = try ScannerTable.load(from: TestPaths.scannerTable)
    let watcher = ScannerWatcher(
        context: context, matcher: matcher ?? ScannerMatcher(table: table), configuration: configuration
    ) { event in
        recorder.record(event)
    }
    try watcher.start()
    return (watcher, recorder)
}

/// Test scanners: a listed keyboard wedge and an unlisted HID POS scanner (found by its
/// usage page 0x8C), at fixed ports and addresses.
enum Scanners {
    static let wedgeVendor: UInt16 = 0x0C2E  // Metrologic/Honeywell
    static let wedgeProduct: UInt16 = 0x0B61  // Vuquest 3310g
    static let wedgePath = "1-1.2"
    static let posVendor: UInt16 = 0x0483  // not in the scanner table
    static let posProduct: UInt16 = 0x5750
    static let posPath = "1-1.3"

    @discardableResult
    static func addWedge(_ emulator: Emulator, reportDescriptor: [UInt8]? = nil) throws -> Emulator.Device {
        try emulator.add(
            .keyboardWedge, vendor: wedgeVendor, product: wedgeProduct, ports: "1.2", address: 5,
            reportDescriptor: reportDescriptor)
    }

    @discardableResult
    static func addPOS(_ emulator: Emulator) throws -> Emulator.Device {
        try emulator.add(.hidPOS, vendor: posVendor, product: posProduct, ports: "1.3", address: 6)
    }
}
