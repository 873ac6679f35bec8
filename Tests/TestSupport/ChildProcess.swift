import Foundation

/// A child process for the tests, started with `posix_spawn`: the part of Foundation's `Process`
/// the tests use (same names), without `Process.run()`.
///
/// Why: on Linux, `Process.run()` of the Swift 6.3 toolchain scans `/proc/self/fd` and copies 256
/// bytes of each directory entry's name, reading past glibc's buffer; when that buffer ends at an
/// unmapped page the whole test process dies with SIGSEGV (swift-corelibs-foundation #5472).
/// The suite starts hundreds of processes, and CI met it. Here the child closes every descriptor
/// above 2 with `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), so nothing is scanned.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: the settings are set before `run()`; the exit status is guarded by `lock`.
    public enum TerminationReason: Sendable { case exit, uncaughtSignal }

    public var executableURL: URL?
    public var arguments: [String] = []
    /// The child's environment; this process's when nil.
    public var environment: [String: String]?
    /// A `Pipe`, a `FileHandle`, or nil to share this process's.
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?

    public private(set) var processIdentifier: pid_t = 0
    private let lock = NSLock()
    private var waitStatus: Int32?

    public init() {}

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    public func run() throws {
        guard let path = executableURL?.path else { throw SpawnError(description: "no executable") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, target) in [(standardInput, STDIN_FILENO), (standardOutput, STDOUT_FILENO), (standardError, STDERR_FILENO)] {
            guard let fd = Self.descriptor(stream, forInput: target == STDIN_FILENO) else { continue }
            posix_spawn_file_actions_adddup2(&actions, fd, target)
        }
        guard let closeFrom = Self.addCloseFrom else {
            throw SpawnError(description: "posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or later needed)")
        }
        _ = closeFrom(&actions, 3)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + env { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, nil, argv, env)
        guard code == 0 else { throw SpawnError(description: "posix_spawn \(path): \(String(cString: strerror(code)))") }
        processIdentifier = pid
        // The child has its ends of the pipes now; this process closes them, so that a reader of
        // the child's output sees the end when the child exits.
        for (stream, isInput) in [(standardInput, true), (standardOutput, false), (standardError, false)] {
            guard let pipe = stream as? Pipe else { continue }
            try? (isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting).close()
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not
    /// import (it is declared for `_GNU_SOURCE` only).
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// The descriptor the child gets for one of its standard streams.
    private static func descriptor(_ stream: Any?, forInput: Bool) -> Int32? {
        if let pipe = stream as? Pipe {
            return forInput ? pipe.fileHandleForReading.fileDescriptor : pipe.fileHandleForWriting.fileDescriptor
        }
        return (stream as? FileHandle)?.fileDescriptor
    }

    public func waitUntilExit() {
        lock.lock()
        defer { lock.unlock() }
        guard waitStatus == nil, processIdentifier != 0 else { return }
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) == -1 {
            guard errno == EINTR else { return }
        }
        waitStatus = status
    }

    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard waitStatus == nil, processIdentifier != 0 else { return false }
        var status: Int32 = 0
        guard waitpid(processIdentifier, &status, WNOHANG) == processIdentifier else { return true }
        waitStatus = status
        return false
    }

    /// Sends SIGTERM.
    public func terminate() {
        if isRunning { kill(processIdentifier, SIGTERM) }
    }

    /// The exit code, or the signal that ended the child (as `Process` reports it).
    public var terminationStatus: Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard let status = waitStatus else { return 0 }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
    }

    public var terminationReason: TerminationReason {
        lock.lock()
        defer { lock.unlock() }
        return (waitStatus ?? 0) & 0x7F == 0 ? .exit : .uncaughtSignal
    }
}
