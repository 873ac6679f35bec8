import Foundation

/// The third-party files in `../shared/fixtures` (see its README.md and PROVENANCE.tsv), found
/// relative to the package root so the tests run the same in any clone that has `shared/` beside it.
enum Fixtures {
    /// The package root: the nearest folder above this file that holds `Package.swift`.
    static func packageRoot(from file: String = #filePath) -> URL {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static let folder = packageRoot().appendingPathComponent("../shared/fixtures").standardizedFileURL

    static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    static func text(_ relative: String) throws -> String { String(decoding: try data(relative), as: UTF8.self) }

    /// A real fixture with one textual change, for the refusal tables (the change must apply).
    static func edited(_ relative: String, replacing old: String, with new: String) throws -> Data {
        let original = try text(relative)
        guard let range = original.range(of: old) else { throw FixtureEditError(file: relative, missing: old) }
        return Data(original.replacingCharacters(in: range, with: new).utf8)
    }

    /// A real fixture with several textual changes, each applied to its first occurrence in turn
    /// (every one must apply).
    static func edited(_ relative: String, _ edits: [(old: String, new: String)]) throws -> Data {
        var text = try text(relative)
        for edit in edits {
            guard let range = text.range(of: edit.old) else { throw FixtureEditError(file: relative, missing: edit.old) }
            text.replaceSubrange(range, with: edit.new)
        }
        return Data(text.utf8)
    }

    /// A real fixture with the first match of a regular expression replaced (it must match), for
    /// changes that span lines whose indentation is not worth spelling out.
    static func edited(_ relative: String, matching pattern: String, with template: String) throws -> Data {
        let original = try text(relative)
        guard let range = original.range(of: pattern, options: .regularExpression) else {
            throw FixtureEditError(file: relative, missing: pattern)
        }
        let replacement = original[range].replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        return Data(original.replacingCharacters(in: range, with: replacement).utf8)
    }

    /// The rows of a tab-separated file with a header line, as dictionaries keyed by column name.
    static func tsv(_ relative: String) throws -> [[String: String]] {
        let lines = try text(relative).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() { row[name] = index < cells.count ? cells[index] : "" }
            return row
        }
    }
}

struct FixtureEditError: Error, CustomStringConvertible {
    var file: String
    var missing: String
    var description: String { "\(file) does not contain \(missing.debugDescription); the fixture changed" }
}
