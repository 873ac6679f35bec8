import Foundation
import Mustache

/// The Mustache templates of Titlehold's printable documents: letters, sheets and manifests.
///
/// Templates are data a person edits (`Resources/templates/*.mustache`), not code. A template
/// named `x.html` renders HTML (values escaped); one named `x.txt` starts with the pragma
/// `{{% CONTENT_TYPE: TEXT }}` so values are printed as they are.
public struct TemplateLibrary: Sendable {
    public let directory: URL
    private let library: MustacheLibrary

    /// Loads every `*.mustache` file below `directory`; a template is named by its path
    /// relative to the folder without the extension (`letters/reminder1.html`).
    public init(directory: URL) throws(DocumentError) {
        self.directory = directory
        var templates: [String: MustacheTemplate] = [:]
        let root = directory.standardizedFileURL.path
        guard let names = FileManager.default.enumerator(atPath: root) else {
            throw DocumentError("no template folder at \(root)")
        }
        for case let name as String in names where name.hasSuffix(".mustache") {
            let path = root + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw DocumentError("cannot read the template \(path)")
            }
            do {
                templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } catch {
                throw DocumentError("the template \(path) does not parse: \(error)")
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    /// Renders `object` (a dictionary or a value read through reflection) with the template `name`.
    public func render(_ object: Any, template name: String) throws(DocumentError) -> String {
        guard let output = library.render(object, withTemplate: name) else {
            throw DocumentError("no template named '\(name)' in \(directory.path)")
        }
        return output
    }
}

/// A document that cannot be produced, with what is wrong and where.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
