import Foundation
import TestSupport
import Testing

@testable import scanner_emulator

@Suite("scanner-emulator scenarios")
struct ScenarioTests {
    @Test("commands parse into steps; comments and blank lines are skipped")
    func parses() throws {
        let steps = try Scenario.parse([
            "# two scanners", "", "wedge 1.2 0c2e:0b61 5", "pos 1.3 0483:5750 6", "run", "wait-claimed 1.2 5",
            "type 1.2 Ab c\\x1d\\n", "scan 1.3 ]C1 01\\x1d10 X", "report 1.2 02 00 04", "unplug 1.2", "replug 1.2",
            "sleep 10", "wait-exit",
        ])
        #expect(
            steps == [
                .add(kind: .keyboardWedge, ports: "1.2", vendor: 0x0C2E, product: 0x0B61, address: 5),
                .add(kind: .hidPOS, ports: "1.3", vendor: 0x0483, product: 0x5750, address: 6),
                .run, .waitClaimed(ports: "1.2", seconds: 5), .type(ports: "1.2", text: "Ab c\u{1D}\n"),
                .scan(ports: "1.3", aim: "]C1", data: Array("01\u{1D}10 X".utf8)),
                .report(ports: "1.2", bytes: [0x02, 0x00, 0x04]), .unplug(ports: "1.2"), .replug(ports: "1.2"),
                .sleep(milliseconds: 10), .waitExit(seconds: 60),
            ])
    }

    @Test(
        "bad lines are refused with their line number and reason",
        arguments: [
            ("wedge 1.2 0c2e 5", "'0c2e' is not VID:PID in hex"),
            ("pos 1.3 0483:5750 1", "'1' is not an address in 2...127"),
            ("type 1.2 \\q", "unknown escape \\q"),
            ("type 1.2 \\x1", "\\x needs two hex digits"),
            ("scan 1.3 ]C 0102", "']C' is not a 3-character AIM identifier"),
            ("report 1.2 0g", "'0g' is not hex"),
            ("wait-claimed", "missing ports"),
            ("frobnicate 1.2", "unknown command 'frobnicate'"),
        ])
    func refuses(line: String, reason: String) {
        do {
            _ = try Scenario.parse(["# header", line])
            Issue.record("'\(line)' was accepted")
        } catch let error as ScenarioError {
            #expect(error.line == 2)
            #expect(error.reason == reason)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// Runs the built `scanner-emulator` with a Python libusb client (ctypes) as its child: a
/// second process seeing the emulated scanners through the real libusb, as the service would.
@Suite(
    "scanner-emulator end to end",
    // The child program is a short Python script; without python3 there is nothing to run.
    .enabled(if: EndToEnd.python3 != nil, "needs python3 on PATH for the libusb child program"))
struct ScannerEmulatorEndToEnd {
    @Test("a child process reads keyboard-wedge and HID POS scans the host types")
    func childReadsScans() throws {
        let wedge = try EndToEnd.run(
            ["wedge 1.2 0c2e:0b61 5", "run", "wait-claimed 1.2", "type 1.2 A\\x1d9", "wait-exit 30"],
            child: ["0c2e", "0b61", "6"])
        #expect(wedge.status == 0)
        // The emulator's C encoder agrees with the tests' own.
        #expect(wedge.lines == KeyboardWedge.reports(for: "A\u{1D}9").map(EndToEnd.hex))

        let pos = try EndToEnd.run(
            ["pos 1.3 0483:5750 6", "run", "wait-claimed 1.3", "scan 1.3 ]C1 0109501101020917\\x1d10ABC", "wait-exit 30"],
            child: ["0483", "5750", "1"])
        #expect(pos.status == 0)
        let data = Array("0109501101020917\u{1D}10ABC".utf8)
        #expect(pos.lines == HIDPOSReports.reports(aim: "]C1", data: data, codeID: 0).map(EndToEnd.hex))
    }

    @Test("the child's exit status comes back; scenario errors exit with 2")
    func exitStatus() throws {
        let missing = try EndToEnd.run(["wedge 1.2 0c2e:0b61 5"], child: ["dead", "beef", "1"])
        #expect(missing.status == 1)
        #expect(missing.lines == ["no device"])
        let bad = try EndToEnd.run(["wedge 1.2 nonsense 5"], child: ["0c2e", "0b61", "1"])
        #expect(bad.status == 2)
    }
}

enum EndToEnd {
    static let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The binary next to the test bundle (`swift test` builds it: the test target depends on it).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("scanner-emulator")
    }

    static let childScript = """
        import ctypes, sys
        u = ctypes.CDLL("libusb-1.0.so.0")
        u.libusb_open_device_with_vid_pid.restype = ctypes.c_void_p
        u.libusb_open_device_with_vid_pid.argtypes = [ctypes.c_void_p, ctypes.c_uint16, ctypes.c_uint16]
        for name in ("libusb_set_auto_detach_kernel_driver", "libusb_claim_interface", "libusb_release_interface"):
            getattr(u, name).argtypes = [ctypes.c_void_p, ctypes.c_int]
        u.libusb_interrupt_transfer.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_void_p, ctypes.c_int,
                                                ctypes.POINTER(ctypes.c_int), ctypes.c_uint]
        u.libusb_close.argtypes = [ctypes.c_void_p]
        u.libusb_exit.argtypes = [ctypes.c_void_p]
        ctx = ctypes.c_void_p()
        assert u.libusb_init(ctypes.byref(ctx)) == 0
        h = u.libusb_open_device_with_vid_pid(ctx, int(sys.argv[1], 16), int(sys.argv[2], 16))
        if not h:
            print("no device")
            sys.exit(1)
        u.libusb_set_auto_detach_kernel_driver(h, 1)
        assert u.libusb_claim_interface(h, 0) == 0
        buf = (ctypes.c_ubyte * 64)()
        n = ctypes.c_int()
        for i in range(int(sys.argv[3])):
            r = u.libusb_interrupt_transfer(h, 0x81, buf, 64, ctypes.byref(n), 10000)
            if r != 0:
                print("error", r)
                sys.exit(1)
            print(bytes(buf[:n.value]).hex())
        u.libusb_release_interface(h, 0)
        u.libusb_close(h)
        u.libusb_exit(ctx)
        """

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Runs the scenario with the Python child; returns its exit status and stdout lines.
    static func run(_ commands: [String], child arguments: [String]) throws -> (status: Int32, lines: [String]) {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-child-\(UUID()).py")
        try childScript.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = ChildProcess()
        process.executableURL = binary
        process.arguments = commands.flatMap { ["-e", $0] } + ["--", python3 ?? "python3", script.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["UMOCKDEV_DIR"] = nil  // the host makes its own testbed
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return (process.terminationStatus, lines)
    }
}
