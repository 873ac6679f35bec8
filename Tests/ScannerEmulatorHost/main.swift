import Foundation

/// scanner-emulator: hosts umockdev-emulated USB scanners and runs a program as its child, so
/// a compiled binary (the service) can be tested end to end against scanners it sees through
/// libusb as real ones.
let usage = """
    USAGE: scanner-emulator [--script FILE] [-e COMMAND]... -- PROGRAM [ARGUMENTS...]

    Runs PROGRAM with LD_PRELOAD=libumockdev-preload.so.0 and UMOCKDEV_DIR set, so its libusb sees
    the emulated bus 1. Commands (from FILE one per line, '#' comments, and from each -e, in order):
      wedge PORTS VID:PID ADDRESS   add a keyboard-wedge scanner, e.g. `wedge 1.2 0c2e:0b61 5` (bus path 1-1.2)
      pos PORTS VID:PID ADDRESS     add a HID POS scanner (usage page 0x8C, 64-byte reports, ID 2)
      run                           start PROGRAM (done before the first non-add command if not given)
      wait-claimed PORTS [SECONDS]  wait until PROGRAM has claimed the scanner's interface
      type PORTS TEXT               keyboard-wedge scan of TEXT; escapes \\n \\r \\t \\\\ \\xHH (\\x1d = GS)
      scan PORTS AIM TEXT           HID POS scan, e.g. `scan 1.3 ]C1 0109501101020917\\x1d10ABC`
      report PORTS HEX              one raw input report, e.g. `report 1.2 0200040000000000`
      wait-sent PORTS [SECONDS]     wait until the scanner has sent all it has queued
      unplug PORTS | replug PORTS   pull the plug (ESHUTDOWN, remove uevent) / plug back in (new address)
      sleep MILLISECONDS
      wait-exit [SECONDS]           wait for PROGRAM (also done at the end, 60 s), kill it if over time
    SIGTERM and SIGINT sent to the emulator once PROGRAM runs are passed on to PROGRAM.
    Exit status: PROGRAM's; 2 for a bad scenario or emulator failure; 3 for a timeout.

    """

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("scanner-emulator: \(message)\n".utf8))
    exit(status)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let separator = arguments.firstIndex(of: "--") else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
let program = Array(arguments[(separator + 1)...])
var lines: [String] = []
var index = 0
let options = Array(arguments[..<separator])
while index < options.count {
    let option = options[index]
    guard index + 1 < options.count else { fail("\(option) needs a value", status: 2) }
    switch option {
    case "--script":
        guard let text = try? String(contentsOfFile: options[index + 1], encoding: .utf8) else {
            fail("cannot read the script \(options[index + 1])", status: 2)
        }
        lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    case "-e":
        lines.append(options[index + 1])
    default:
        fail("unknown option \(option)\n\(usage)", status: 2)
    }
    index += 2
}

let steps: [Step]
do {
    steps = try Scenario.parse(lines)
} catch {
    fail("\(error)", status: 2)
}
let host: Host
do {
    host = try Host(program: program)
} catch {
    fail("\(error)", status: 2)
}
do {
    let status = try host.perform(steps)
    host.shutdown()
    exit(status)
} catch let error as HostError {
    host.shutdown()
    fail(error.message, status: error.status)
} catch {
    host.shutdown()
    fail("\(error)", status: 2)
}
