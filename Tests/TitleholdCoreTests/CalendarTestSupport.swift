import Foundation
import Testing
@testable import TitleholdCore

/// A day from a `YYYY-MM-DD` literal in a test table; a typo records an issue instead of crashing.
func testDay(_ iso: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let day = Day(iso: iso) else {
        Issue.record("'\(iso)' is not a YYYY-MM-DD date", sourceLocation: sourceLocation)
        return Day(ordinal: 0)
    }
    return day
}

/// The text of a file under the package's `Resources/`, found from this file's path so it works
/// in any clone (Tests/TitleholdCoreTests/ → package root).
func resourceText(_ relativePath: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("Resources").appendingPathComponent(relativePath), encoding: .utf8)
}
