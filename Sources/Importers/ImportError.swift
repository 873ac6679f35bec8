/// Why a file could not be imported: which file, where in it, and what was wrong.
/// Import is all-or-nothing, so this error always means the ledger was left unchanged.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// A line number or an element path (`Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount`), if known.
    public var location: String?
    public var message: String

    public init(file: String, location: String? = nil, message: String) {
        self.file = file; self.location = location; self.message = message
    }

    public var description: String {
        if let location { return "\(file): \(location): \(message)" }
        return "\(file): \(message)"
    }
}
