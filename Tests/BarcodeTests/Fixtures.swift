import Foundation

/// Paths to the shared third-party fixtures and the package's Resources, resolved from this file
/// (package root = two levels up), so the tests run from any clone with shared/ beside it.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = packageRoot.appendingPathComponent("../shared/fixtures").standardizedFileURL
    static let resources = packageRoot.appendingPathComponent("Resources")

    static func json(_ relativePath: String) throws -> Any {
        let data = try Data(contentsOf: shared.appendingPathComponent(relativePath))
        return try JSONSerialization.jsonObject(with: data)
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: shared.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
