import Foundation
import TestSupport
import Testing

/// `titlehold intake` through the built binary: from standard input, and from an emulated USB
/// scanner (umockdev) that the `scanner-emulator` host plugs, types on, unplugs and replugs.
@Suite(.removesTemporaryFolders) struct IntakeStdinTests {
    func items(_ db: String) throws -> [[String: Any]] {
        let list = try Binary.run(["items", "--db", db, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func pairsProductAndSerialUndoesSwitchesAndEnds() throws {
        let db = try Binary.temporaryDatabase()
        let input = "]E05901234123457\n]A0SN0001\n]C1010950110153000321ABC123\u{1D}\nTH:UNDO\nTH:ORDER:ORD-2\n]A0SN0002\n]A0SN0002\nTH:END\n]A0SN9\n"
        let result = try Binary.run(["intake", "--client", "12345678", "--agreement", "ORD-1", "--stdin", "--db", db],
                                    stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ACCEPTED: recorded SN0001 (GTIN 05901234123457) under ORD-1"))
        #expect(result.stdout.contains("UNDONE: undid ABC123"))
        #expect(result.stdout.contains("DUPLICATE: SN0002"))
        let landed = try items(db)
        #expect(landed.map { $0["serial"] as? String } == ["SN0001", "SN0002"])
        #expect(landed.map { $0["agreement"] as? String } == ["ORD-1", "ORD-2"])
        #expect(landed.first?["gtin"] as? String == "05901234123457")
    }

    @Test func countEndsTheSessionAndTheRestIsNotRead() throws {
        let db = try Binary.temporaryDatabase()
        let result = try Binary.run(["intake", "--client", "1", "--agreement", "A", "--stdin", "--count", "2", "--json",
                                     "--db", db], stdin: "]A0X1\n]A0X2\n]A0X3\n")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(try items(db).count == 2)
    }
}

/// Whether the umockdev preload is active (checked through LD_PRELOAD; see shared notes).
enum Emulator {
    static let preloaded: Bool = {
        let on = ProcessInfo.processInfo.environment["LD_PRELOAD"]?.contains("umockdev") == true
        if !on { print("EMULATOR TESTS DID NOT RUN: intake over libusb needs `umockdev-wrapper swift test`") }
        return on
    }()
}

@Suite(.serialized, .removesTemporaryFolders, .enabled(if: Emulator.preloaded,
                             "EMULATOR TESTS DID NOT RUN: run the suite under `umockdev-wrapper swift test`"))
struct IntakeScannerTests {
    static var host: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("scanner-emulator")
    }

    @Test func aWedgeScannerDeliversThroughLibusbAcrossAReplug() throws {
        let db = try Binary.temporaryDatabase()
        let scenario = [
            "wedge 1.2 0c2e:0b61 5", "run", "wait-claimed 1.2 20",
            "type 1.2 ]C1010950110153000321SER-1\\x1d\\n",
            "unplug 1.2", "sleep 200", "replug 1.2", "wait-claimed 1.2 20",
            "type 1.2 ]A0SER-2\\n", "wait-exit 60",
        ]
        let process = ChildProcess()
        process.executableURL = Self.host
        process.arguments = scenario.flatMap { ["-e", $0] } + ["--", Binary.url.path, "intake", "--client", "12345678",
            "--agreement", "ORD-USB", "--device", "0c2e:0b61", "--count", "2", "--idle-exit", "30", "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["UMOCKDEV_DIR"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("ACCEPTED: recorded SER-1 (GTIN 09501101530003) under ORD-USB"), "\(stdout)\n\(stderr)")
        #expect(stdout.contains("ACCEPTED: recorded SER-2 under ORD-USB"), "\(stdout)\n\(stderr)")
        let list = try Binary.run(["items", "--db", db, "--json"])
        let landed = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(landed.map { $0["serial"] as? String } == ["SER-1", "SER-2"])
    }
}
