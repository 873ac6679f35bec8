import Foundation
import Synchronization
import Testing

/// The temporary folders the running test made (`Binary.temporaryDatabase()`), removed when the
/// test is over: after it passed, failed or threw, and after the `defer`s that stop the processes
/// it started. A suite whose tests make one carries the trait: `@Suite(.removesTemporaryFolders)`.
struct TemporaryFolders: TestTrait, SuiteTrait, TestScoping {
    /// Each test (each case of a parameterized test) gets its own.
    var isRecursive: Bool { true }

    /// What the test in this task made so far.
    final class Made: Sendable {
        let folders = Mutex<[URL]>([])
    }

    @TaskLocal static var current: Made?

    struct NotInScope: Error, CustomStringConvertible {
        var description: String {
            "a temporary folder outside a test that removes it: put `.removesTemporaryFolders` on the suite"
        }
    }

    /// A new empty folder in the system's temporary directory, removed with the running test's.
    static func make(prefix: String) throws -> URL {
        guard let made = current else { throw NotInScope() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(prefix + UUID().uuidString)
        made.folders.withLock { $0.append(folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let made = Made()
        defer {
            for folder in made.folders.withLock({ $0 }) { try? FileManager.default.removeItem(at: folder) }
        }
        try await Self.$current.withValue(made) { try await function() }
    }
}

extension Trait where Self == TemporaryFolders {
    /// Removes the temporary folders each test of the suite makes, when that test is over.
    static var removesTemporaryFolders: Self { Self() }
}
