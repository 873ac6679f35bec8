/// Everything the ledger holds about one client, for a request under art. 30 of the terms (and
/// art. 15/20 AVG, which art. 28 has the supplier help the client answer): `titlehold clients
/// export ID` and `GET /api/clients/{id}/export`. Encoded as JSON with snake_case keys; money in
/// integer cents, dates as ISO 8601 text, exactly as stored.
///
/// After an erasure (`LedgerDatabase.eraseClient`) the erased fields are `null` here: an export
/// shows what is kept, not what was.
public struct ClientExport: Sendable, Encodable {
    public struct Client: Sendable, Encodable {
        public var key: String
        public var name: String?
        public var kind: String
        public var address: String?
    }

    public struct Identifier: Sendable, Encodable, Hashable {
        public var scheme: String
        public var value: String
        public init(scheme: String, value: String) { self.scheme = scheme; self.value = value }
    }

    public struct Agreement: Sendable, Encodable {
        public var reference: String
        public var kindOverride: String?
    }

    public struct ItemEventRecord: Sendable, Encodable {
        public var kind: String
        public var date: String
        public var note: String?
        public var outsideNormalCourse: Bool
    }

    public struct WarrantyRecord: Sendable, Encodable {
        public var validFrom: String?
        public var validUntil: String
        public var source: String
        public var recordedOn: String
    }

    public struct Item: Sendable, Encodable {
        public var serial: String
        public var gtin: String?
        public var name: String?
        public var rawScan: String?
        public var deliveredOn: String
        public var agreement: String
        /// The delivery address recorded at intake (personal when the client is a person).
        public var address: String?
        /// The invoice the item was billed on, when linked.
        public var invoice: String?
        public var events: [ItemEventRecord]
        public var warranties: [WarrantyRecord]
    }

    public struct Line: Sendable, Encodable {
        public var lineRef: String
        public var gtin: String?
        public var sellersItemID: String?
        public var name: String?
        public var quantity: String
        public var wholeUnits: Int64?
        public var amountCents: Int64
        public var serials: [String]
    }

    /// An invoice or a credit note (the bookkeeping record, kept for 7 years: art. 52 AWR).
    public struct Document: Sendable, Encodable {
        public var number: String
        public var agreement: String?
        public var issueDate: String
        public var statedDueDate: String?
        public var dueDate: String
        public var payableCents: Int64
        public var paymentID: String?
        public var creditedNumber: String?
        public var deliveryAddress: String?
        public var fileName: String
        public var lines: [Line]
    }

    public struct Payment: Sendable, Encodable {
        public var bookingDate: String
        public var valueDate: String?
        public var amountCents: Int64
        public var debtorName: String?
        public var debtorIBAN: String?
        public var accountIBAN: String?
        public var endToEndID: String?
        public var structuredReference: String?
        public var remittance: String?
        /// The invoice it was matched to, if any, and how (`structured_reference`, `debtor_iban`...).
        public var invoice: String?
        public var matchedBy: String?
        public var fileName: String
    }

    public struct Letter: Sendable, Encodable {
        public var invoice: String
        public var kind: String
        public var sentOn: String
        public var origin: String
        public var principalCents: Int64?
        public var interestCents: Int64?
        public var costsCents: Int64?
        public var termEndsOn: String?
        public var fileName: String?
    }

    public struct Status: Sendable, Encodable {
        public var status: String
        public var since: String
        public var coolingOffUntil: String?
        public var note: String?
        public var recordedOn: String
    }

    public struct TaxNotice: Sendable, Encodable {
        public var sentOn: String
        public var note: String?
    }

    public struct PickupNotice: Sendable, Encodable {
        public var sentOn: String
        public var fileName: String?
    }

    public struct PickupVisit: Sendable, Encodable {
        public var id: String
        public var date: String
        public var state: String
        public var outcome: String?
        public var closedOn: String?
        public var note: String?
        public var clientName: String?
        public var siteAddress: String?
        public var serials: [String]
    }

    /// An entry of the event log that concerns this client. The log is hash-chained and never
    /// rewritten (AuditLog), so what it recorded stays as recorded, also after an erasure.
    public struct Event: Sendable, Encodable {
        public var seq: Int64
        public var recordedAt: String
        public var command: String
        public var actor: String?
        public var action: String
        public var subject: String
        public var details: [String: String]
    }

    public var client: Client
    public var identifiers: [Identifier]
    public var agreements: [Agreement]
    public var items: [Item]
    public var invoices: [Document]
    public var creditNotes: [Document]
    public var payments: [Payment]
    public var letters: [Letter]
    public var statuses: [Status]
    public var taxNotices: [TaxNotice]
    public var pickupNotices: [PickupNotice]
    public var pickupVisits: [PickupVisit]
    public var events: [Event]
    /// When the client's personal data were erased (the `client.erased` event's time), if they were.
    public var erasedAt: String?
}
