/// A write the ledger refused, with a message a person can act on. Nothing was changed.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
