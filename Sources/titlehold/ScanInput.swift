import ArgumentParser
import Foundation
import TitleholdApp

/// Where scans come from, for `intake` and `pickups scan`: USB scanners through libusb (default),
/// one named scanner, or standard input.
struct ScanInputOptions: ParsableArguments {
    @Option(name: .long, help: "Read the USB scanner VID:PID (e.g. 0c2e:0b61) instead of any known scanner.")
    var device: String?
    @Flag(name: .long, help: "Read scans from standard input, one per line (a scanner typing as a keyboard, or a script).")
    var stdin = false
    @Option(name: .long, help: "End after N accepted items.") var count: Int?
    @Option(name: .long, help: "Keyboard layout of keyboard-wedge scanners: us, de, fr (files in Resources/keyboard-layouts).")
    var layout = "us"
    @Option(name: .long, help: "Characters a keyboard-wedge scanner sends after each scan besides Enter.")
    var suffix = ""
    @Option(name: .customLong("idle-exit"), help: "End after this many seconds without a scan.") var idleExit: Double?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let idleExit, idleExit <= 0 { throw ValidationError("--idle-exit must be a positive number of seconds") }
        if stdin, device != nil { throw ValidationError("choose --stdin or --device, not both") }
    }

    /// Feeds `session` until it ends, the input ends or goes idle, or `count` items were accepted;
    /// prints each acknowledgement as it comes (a line, or JSON with `json`).
    func run(_ session: some ScanSession, json: Bool) throws {
        let report: (ScanAcknowledgement) -> Void = { ack in
            if json {
                if let line = try? CompactJSONEncoder().encodeToString(ack) { print(line) }
            } else {
                print("\(ack.status.uppercased()): \(ack.message)")
            }
            fflush(nil)
        }
        if stdin {
            var lines = StandardInputLines()
            loop: while !session.isEnded {
                switch lines.next(timeout: idleExit) {
                case .line(let text):
                    if text.isEmpty { continue }
                    report(session.handle(text))
                    if let count, session.acceptedCount >= count { break loop }
                case .idle, .end: break loop
                }
            }
        } else {
            do {
                try ScannerIntake(device: device, idleExit: idleExit, count: count, layout: layout, suffix: suffix)
                    .run(runner: session, report: report)
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
