import Foundation
import Importers
import LedgerStore

/// Reads and parses files for import, before anything is written: a file that cannot be read
/// or parsed stops the whole import with an error that names it, and the ledger is unchanged.
public enum FileImport {
    public static func invoices(paths: [String]) throws -> [ParsedFile<ImportedDocument>] {
        try paths.map { path in
            let (name, data) = try read(path)
            return try invoice(named: name, data: data)
        }
    }

    public static func statements(paths: [String]) throws -> [ParsedFile<[StatementEntry]>] {
        try paths.map { path in
            let (name, data) = try read(path)
            return try statement(named: name, data: data)
        }
    }

    /// A UBL file received other than from disk (an upload to the service): parsed the same way,
    /// with its SHA-256, so the event log records the file the same as `titlehold import`.
    public static func invoice(named name: String, data: Data) throws -> ParsedFile<ImportedDocument> {
        ParsedFile(fileName: name, sha256: sha256Hex(data), content: try UBLReader.read(data, fileName: name))
    }

    /// A camt.053 file received other than from disk (an upload to the service).
    public static func statement(named name: String, data: Data) throws -> ParsedFile<[StatementEntry]> {
        ParsedFile(fileName: name, sha256: sha256Hex(data), content: try CAMT053Reader.read(data, fileName: name))
    }

    /// Files larger than this are refused: no real e-invoice or day statement comes near it.
    public static let maximumSize = 64 * 1024 * 1024

    static func read(_ path: String) throws -> (String, Data) {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError(file: path, message: "is a directory, not a file") }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: path, message: "cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= maximumSize else {
            throw ImportError(file: path, message: "is \(data.count) bytes; files over \(maximumSize) bytes are refused")
        }
        return (name, data)
    }
}
