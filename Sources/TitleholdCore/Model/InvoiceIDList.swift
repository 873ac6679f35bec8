/// The invoices a delivered item is billed on, as `ClientLedger.DeliveredItem.invoiceIDs` keeps
/// them: up to two inside the value, more in an array.
///
/// Why not an `[Int64]`: an item is billed on one invoice, seldom two, and an array is a heap
/// object whose every copy and release is counted. `owned` decodes and drops a client's 50 items
/// for one question (issue 2, Speed); inline, an item holds no reference for its invoices.
///
/// Equal lists have equal storage (inline exactly when there are at most two ids, the unused slot
/// zero), so the synthesized equality and hashing compare the ids in order.
public struct InvoiceIDList: Sendable, Hashable, RandomAccessCollection, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    private enum Storage: Sendable, Hashable {
        case inline(count: UInt8, Int64, Int64)
        case array([Int64])
    }

    private var storage: Storage

    public init() { storage = .inline(count: 0, 0, 0) }

    public init(_ ids: some Sequence<Int64>) {
        self.init()
        for id in ids { append(id) }
    }

    public init(arrayLiteral ids: Int64...) { self.init(ids) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .inline(let count, _, _): Int(count)
        case .array(let ids): ids.count
        }
    }

    public subscript(position: Int) -> Int64 {
        switch storage {
        case let .inline(count, first, second):
            precondition(position >= 0 && position < Int(count), "InvoiceIDList index out of range")
            return position == 0 ? first : second
        case .array(let ids):
            return ids[position]
        }
    }

    public mutating func append(_ id: Int64) {
        switch storage {
        case .inline(count: 0, _, _): storage = .inline(count: 1, id, 0)
        case .inline(count: 1, let first, _): storage = .inline(count: 2, first, id)
        case let .inline(_, first, second): storage = .array([first, second, id])
        case .array(var ids):
            storage = .inline(count: 0, 0, 0)  // drops the reference, so `ids` is unique
            ids.append(id)
            storage = .array(ids)
        }
    }

    public var description: String { Array(self).description }
}
