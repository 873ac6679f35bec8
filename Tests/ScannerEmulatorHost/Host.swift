import Foundation
import ScannerEmulator

/// Runs a scenario: owns the emulator (and so the testbed) and the child program.
final class Host {
    private let emulator: OpaquePointer
    private var devices: [String: Int32] = [:]
    private let program: [String]
    private var child: Process?
    /// SIGTERM and SIGINT sent to the emulator are passed on to the child (as a service manager
    /// would send them to the service), so a test can stop the program without looking it up.
    private var forwarders: [DispatchSourceSignal] = []

    init(program: [String]) throws {
        var error = [CChar](repeating: 0, count: 256)
        guard let emulator = scanner_emulator_new(&error, error.count) else {
            throw HostError(message: "cannot create the umockdev testbed: " + text(error))
        }
        self.emulator = emulator
        self.program = program
    }

    /// Ends the child if still running, then frees the testbed.
    func shutdown() {
        if let child, child.isRunning {
            child.terminate()
            child.waitUntilExit()
        }
        scanner_emulator_free(emulator)
    }

    /// Runs the steps; returns the child's exit status.
    func perform(_ steps: [Step]) throws -> Int32 {
        let explicitRun = steps.contains(.run)
        var exitStatus: Int32?
        for step in steps {
            if !explicitRun, !step.addsDevice { try start() }  // devices first, then the program
            switch step {
            case .add(let kind, let ports, let vendor, let product, let address):
                try add(kind, ports: ports, vendor: vendor, product: product, address: address)
            case .run:
                try start()
            case .waitClaimed(let ports, let seconds):
                let id = try device(ports)
                try waitFor("\(ports) to be claimed", seconds: seconds) { scanner_emulator_interface_claimed(emulator, id) == 1 }
            case .type(let ports, let text):
                guard scanner_emulator_type_text(emulator, try device(ports), text) >= 0 else {
                    throw HostError(message: "cannot type '\(text)' on \(ports) (not a keyboard wedge, or a character without a key)")
                }
            case .scan(let ports, let aim, let data):
                guard scanner_emulator_queue_pos_scan(emulator, try device(ports), aim, data, data.count, 0) > 0 else {
                    throw HostError(message: "cannot scan on \(ports) (not a HID POS scanner?)")
                }
            case .report(let ports, let bytes):
                guard scanner_emulator_queue_report(emulator, try device(ports), bytes, bytes.count) == 0 else {
                    throw HostError(message: "the report does not fit \(ports)'s endpoint")
                }
            case .waitSent(let ports, let seconds):
                let id = try device(ports)
                try waitFor("\(ports) to send its reports", seconds: seconds) { scanner_emulator_pending(emulator, id) == 0 }
            case .unplug(let ports):
                guard scanner_emulator_unplug(emulator, try device(ports)) == 0 else {
                    throw HostError(message: "\(ports) is not plugged in")
                }
            case .replug(let ports):
                guard scanner_emulator_replug(emulator, try device(ports), 0) > 0 else {
                    throw HostError(message: "\(ports) cannot be plugged back in")
                }
            case .sleep(let milliseconds):
                usleep(UInt32(milliseconds) * 1000)
            case .waitExit(let seconds):
                exitStatus = try waitForExit(seconds: seconds)
            }
        }
        try start()
        return try exitStatus ?? waitForExit(seconds: 60)
    }

    private func add(_ kind: DeviceKind, ports: String, vendor: UInt16, product: UInt16, address: UInt8) throws {
        guard child == nil else {
            throw HostError(message: "add devices before `run` (hotplug later with unplug/replug)")
        }
        var error = [CChar](repeating: 0, count: 256)
        let id: Int32 = ports.withCString { portsPointer in
            var spec = ScannerEmulatorDeviceSpec()
            spec.kind = kind == .keyboardWedge ? SCANNER_EMULATOR_KEYBOARD_WEDGE : SCANNER_EMULATOR_HID_POS
            spec.vendor_id = vendor
            spec.product_id = product
            spec.bus = 1
            spec.devnum = address
            spec.ports = portsPointer
            return scanner_emulator_add_device(emulator, &spec, &error, error.count)
        }
        guard id >= 0 else { throw HostError(message: "cannot add \(ports): " + text(error)) }
        devices[ports] = id
    }

    private func device(_ ports: String) throws -> Int32 {
        guard let id = devices[ports] else { throw HostError(message: "no scanner at ports \(ports)") }
        return id
    }

    /// Starts the program with the preload and the testbed directory in its environment.
    private func start() throws {
        guard child == nil else { return }
        guard let executable = program.first else { throw HostError(message: "no program given after --") }
        var environment = ProcessInfo.processInfo.environment
        if let directory = getenv("UMOCKDEV_DIR") { environment["UMOCKDEV_DIR"] = String(cString: directory) }
        let preload = environment["LD_PRELOAD"] ?? ""
        if !preload.contains("libumockdev-preload") {
            environment["LD_PRELOAD"] = preload.isEmpty ? "libumockdev-preload.so.0" : "libumockdev-preload.so.0:" + preload
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : try which(executable))
        process.arguments = Array(program.dropFirst())
        process.environment = environment
        try process.run()
        child = process
        let pid = process.processIdentifier
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { kill(pid, number) }
            source.resume()
            forwarders.append(source)
        }
    }

    private func which(_ name: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw HostError(message: "'\(name)' is not on PATH")
    }

    private func waitFor(_ what: String, seconds: Double, _ done: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !done() {
            if let child, !child.isRunning {
                throw HostError(message: "the program exited (\(child.terminationStatus)) while waiting for \(what)")
            }
            guard Date() < deadline else {
                throw HostError(message: "timed out after \(seconds) s waiting for \(what)", status: 3)
            }
            usleep(2_000)
        }
    }

    private func waitForExit(seconds: Double) throws -> Int32 {
        guard let child else { throw HostError(message: "the program was never started") }
        let deadline = Date().addingTimeInterval(seconds)
        while child.isRunning {
            guard Date() < deadline else {
                child.terminate()
                child.waitUntilExit()
                throw HostError(message: "the program did not exit within \(seconds) s", status: 3)
            }
            usleep(5_000)
        }
        return child.terminationStatus
    }
}

extension Step {
    var addsDevice: Bool {
        if case .add = self { return true }
        return false
    }
}

struct HostError: Error, CustomStringConvertible {
    let message: String
    var status: Int32 = 2

    var description: String { message }
}

private func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
