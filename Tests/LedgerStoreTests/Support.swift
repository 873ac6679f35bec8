import Foundation
import Importers
import LedgerStore
import TestSupport
import TitleholdApp

/// The package root, found from this file's path, and the shared fixtures beside it.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }
    static let demo = packageRoot.appendingPathComponent("Resources/demo")
}

/// A fresh ledger in a temporary folder, removed when the test is over (the suite needs the
/// `.removesTemporaryFolders` trait).
func temporaryLedger() throws -> (LedgerDatabase, String) {
    let dir = try TemporaryFolders.make(prefix: "titlehold-tests-")
    let path = dir.appendingPathComponent("ledger.sqlite").path
    return (try LedgerDatabase.open(path: path), path)
}

/// A UBL document from a fixture, with text replaced (to make variants of real files).
func parsedInvoice(_ fixture: String, name: String? = nil, replacing: [(String, String)] = []) throws
    -> ParsedFile<ImportedDocument>
{
    var text = try String(contentsOfFile: fixture.hasPrefix("/") ? fixture : Paths.fixture(fixture), encoding: .utf8)
    for (a, b) in replacing { text = text.replacingOccurrences(of: a, with: b) }
    let data = Data(text.utf8)
    let fileName = name ?? URL(fileURLWithPath: fixture).lastPathComponent
    return ParsedFile(fileName: fileName, sha256: sha256Hex(data), content: try UBLReader.read(data, fileName: fileName))
}

let testContext = ChangeContext(command: "test")
