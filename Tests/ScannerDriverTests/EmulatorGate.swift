import Foundation
import ScannerEmulator
import Testing

/// Whether the emulated-scanner tests can run: umockdev's preload library must be in
/// LD_PRELOAD (run as `umockdev-wrapper swift test ...`), or libusb sees the real, empty bus.
enum EmulatorGate {
    static let isAvailable: Bool = {
        if scanner_emulator_preload_active() != 0 { return true }
        let line = "EMULATOR TESTS DID NOT RUN: LD_PRELOAD lacks libumockdev-preload; "
            + "run `umockdev-wrapper swift test` to test the USB driver against emulated scanners."
        FileHandle.standardError.write(Data((line + "\n").utf8))
        print(line)
        return false
    }()

    static let skipReason: Comment =
        "EMULATOR TESTS DID NOT RUN: needs LD_PRELOAD=libumockdev-preload (run under umockdev-wrapper)"
}
