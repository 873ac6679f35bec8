import Foundation
import Synchronization
import Testing

/// The temporary folders the running test made (`temporaryLedger()`, `Binary.temporaryDatabase()`),
/// removed when the test is over: after it passed, failed or threw, after its own values (its
/// ledgers) were let go and after the `defer`s that stop the processes it started. A suite whose
/// tests make one carries the trait: `@Suite(.removesTemporaryFolders)`.
public struct TemporaryFolders: TestTrait, SuiteTrait, TestScoping {
    public init() {}

    /// Each test (each case of a parameterized test) gets its own.
    public var isRecursive: Bool { true }

    /// What the test in this task made so far.
    public final class Made: Sendable {
        let folders = Mutex<[URL]>([])
    }

    @TaskLocal public static var current: Made?

    public struct NotInScope: Error, CustomStringConvertible {
        public var description: String {
            "a temporary folder outside a test that removes it: put `.removesTemporaryFolders` on the suite"
        }
    }

    /// A new empty folder in the system's temporary directory, removed with the running test's.
    public static func make(prefix: String) throws -> URL {
        guard let made = current else { throw NotInScope() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(prefix + UUID().uuidString)
        made.folders.withLock { $0.append(folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    public func provideScope(for test: Test, testCase: Test.Case?,
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
    public static var removesTemporaryFolders: Self { Self() }
}
