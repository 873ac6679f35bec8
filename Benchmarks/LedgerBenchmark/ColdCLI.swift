import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TitleholdCore

/// Wall time of a fresh `titlehold owned SERIAL --db PATH --at DATE` process, from spawn to exit,
/// as a person or script calling the CLI sees it. "Cold" is the process (new address space,
/// dynamic linking, Swift runtime and Foundation start-up, opening the ledger and running its
/// migration check); the file itself stays in the page cache, as it would on a server in use.
struct ColdCLI {
    var runs: [Double] = []
    /// `/bin/true` spawned the same way: what process creation alone costs here.
    var spawnBaseline: [Double] = []
    var binary: String

    /// The `titlehold` built beside this benchmark (`swift build -c release --product titlehold`
    /// with the same scratch path).
    static func locateBinary() -> String? {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = me.deletingLastPathComponent().appendingPathComponent("titlehold").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    static func measure(binary: String, path: String, serials: [String], at: Day, runs: Int) throws -> ColdCLI {
        var result = ColdCLI(binary: binary)
        // One untimed run first, so the binary and its libraries are in the page cache like the ledger.
        _ = try run(binary, ["owned", serials[0], "--db", path, "--at", at.description])
        for i in 0..<runs {
            let serial = serials[(i + 1) % serials.count]
            let (output, seconds) = try timed { try run(binary, ["owned", serial, "--db", path, "--at", at.description]) }
            guard output.contains(serial) else {
                throw BenchmarkError("`titlehold owned \(serial)` printed no report: \(output.prefix(300))")
            }
            result.runs.append(seconds)
        }
        for _ in 0..<max(runs, 1) {
            let (_, seconds) = try timed { try run("/bin/true", []) }
            result.spawnBaseline.append(seconds)
        }
        return result
    }

    /// Runs a process to its end with `posix_spawn` (Foundation's `Process` adds tens of
    /// milliseconds of its own on Linux); returns its standard output, or throws with the exit
    /// status and standard error.
    static func run(_ binary: String, _ arguments: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path
        let outPath = "\(directory)/ledger-benchmark-\(getpid()).out", errPath = "\(directory)/ledger-benchmark-\(getpid()).err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(binary): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkError("waitpid failed for \(binary): errno \(errno)") }
        }
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw BenchmarkError("\(binary) \(arguments.joined(separator: " ")) ended with status \(status): \(errors)")
        }
        return output
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
