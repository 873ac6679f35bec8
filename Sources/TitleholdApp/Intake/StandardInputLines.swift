#if canImport(Glibc)
import Glibc
#endif

/// Reads standard input line by line, waiting at most a given time for the next line, so that
/// `intake --stdin --idle-exit S` can end after S seconds without a scan.
public struct StandardInputLines {
    private var buffer: [UInt8] = []
    private var atEnd = false

    public init() {}

    public enum Next: Equatable { case line(String), idle, end }

    /// The next line (without its line end), `.idle` when none came within `timeout` seconds,
    /// `.end` at end of input.
    public mutating func next(timeout: Double?) -> Next {
        while true {
            if let newline = buffer.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                var rest = newline + 1
                if buffer[newline] == 0x0D, rest < buffer.count, buffer[rest] == 0x0A { rest += 1 }
                buffer.removeFirst(rest)
                return .line(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return .end }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll()
                return .line(line)
            }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let milliseconds = timeout.map { Int32(max(0, $0 * 1000)) } ?? -1
            let ready = poll(&descriptor, 1, milliseconds)
            if ready == 0 { return .idle }
            if ready < 0 { if errno == EINTR { continue }; atEnd = true; continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(0, &chunk, chunk.count)
            if count <= 0 { atEnd = true } else { buffer += chunk[..<count] }
        }
    }
}
