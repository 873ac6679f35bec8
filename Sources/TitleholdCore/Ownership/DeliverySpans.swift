/// Each delivered item of a client as the ownership rule sees it under scope `client` when it
/// asks about another item: the span during which its price was owed without an invoice
/// (art. 10.1: goods delivered and not yet invoiced), from delivery until its first invoice.
///
/// Why it exists: one item's question under scope `client` needs every delivery of the client
/// only for that span. Worked out when the ledger is written (`init(_:)`) and stored with the
/// client's slice, it spares `owned` decoding and copying the client's items for every question
/// (issue 2, Speed). `OwnershipRule.verdict(for:in:deliveries:on:)` answers from it exactly as
/// `verdict(for:in:on:)` answers from the items; the tests compare the two on random ledgers.
/// Most questions need not even these: the client's `ClaimCoverage` answers them, and the spans
/// are read only for the reasons that name another delivery (`OwnershipRule.needsDeliverySpans`).
///
/// It does not hold what only a few clients have: item events (a return, a waiver, an
/// incorporation change a delivery's claim by date). A client with any is asked the long way
/// (`hasItemEvents`).
public struct DeliverySpans: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        public var itemID: Int64
        public var deliveredOn: Day {
            get { Day(ordinal: Int(delivered)) }
            set { delivered = Self.stored(newValue) }
        }
        /// The issue date of the earliest invoice known to the ledger that bills the item, issued
        /// or not by the date asked about (the rule counts it only once it is issued).
        public var firstInvoicedOn: Day? {
            get { firstInvoiced == Self.none ? nil : Day(ordinal: Int(firstInvoiced)) }
            set { firstInvoiced = newValue.map(Self.stored) ?? Self.none }
        }

        // The days as 32-bit ordinals (years ±5.8 million), `none` for no invoice: a span then
        // takes 16 bytes, and a client's spans one small allocation instead of a large one.
        private var delivered: Int32
        private var firstInvoiced: Int32
        private static let none = Int32.min

        public init(itemID: Int64, deliveredOn: Day, firstInvoicedOn: Day?) {
            self.itemID = itemID
            delivered = Self.stored(deliveredOn)
            firstInvoiced = firstInvoicedOn.map(Self.stored) ?? Self.none
        }

        private static func stored(_ day: Day) -> Int32 {
            Int32(clamping: max(day.ordinal, Int(Int32.min) + 1))
        }
    }

    /// In the order of `ClientLedger.items`.
    public var spans: [Span]
    /// Some item of the client has an item event: the spans alone do not decide its claims.
    public var hasItemEvents: Bool

    public init(spans: [Span], hasItemEvents: Bool) {
        self.spans = spans; self.hasItemEvents = hasItemEvents
    }

    /// Whether a delivery other than `itemID`'s is uninvoiced on `date` (delivered, no invoice
    /// issued yet): only then can a reason of `OwnershipRule.verdict(for:in:deliveries:serial:on:)`
    /// name another item's serial.
    public func namesAnotherDelivery(besides itemID: Int64, on date: Day) -> Bool {
        spans.contains { span in
            span.itemID != itemID && span.deliveredOn <= date && (span.firstInvoicedOn.map { $0 > date } ?? true)
        }
    }

    /// The spans of `ledger`'s items.
    public init(_ ledger: ClientLedger) {
        spans = ledger.items.map { item in
            Span(itemID: item.id, deliveredOn: item.deliveredOn, firstInvoicedOn: ledger.firstIssueDay(of: item.invoiceIDs))
        }
        hasItemEvents = ledger.items.contains { !$0.events.isEmpty }
    }
}
