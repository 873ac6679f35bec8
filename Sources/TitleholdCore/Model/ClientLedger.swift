/// The slice of the ledger that the rules need for one client: its invoices, credit notes,
/// payments and delivered items. The store builds it; the rules only read it.
public struct ClientLedger: Sendable {
    public var clientKind: ClientKind
    public var invoices: [Invoice]
    public var creditNotes: [CreditNote]
    public var payments: [Payment]
    public var items: [DeliveredItem]
    /// The dunning letters recorded as sent, per invoice id (art. 13.4). Written demands among them
    /// interrupt limitation of the price claim (art. 3:317 BW), which ownership depends on.
    public var letters: [Int64: [DunningLetter]]

    public init(clientKind: ClientKind, invoices: [Invoice], creditNotes: [CreditNote], payments: [Payment],
                items: [DeliveredItem], letters: [Int64: [DunningLetter]] = [:]) {
        self.clientKind = clientKind; self.invoices = invoices; self.creditNotes = creditNotes
        self.payments = payments; self.items = items; self.letters = letters
    }

    /// An invoice as the rules see it.
    public struct Invoice: Sendable, Hashable, Identifiable {
        public var id: Int64
        public var number: String
        public var agreementID: Int64?
        /// True when the invoice is under a goods agreement (or, without an agreement, bills goods):
        /// only these are secured by retention of title (art. 10.1, 3:92(2) BW).
        public var isGoods: Bool
        public var issueDate: Day
        /// The effective due date (UBL `cbc:DueDate`, else issue date + agreed term, else
        /// 30 days, art. 6:119a BW); the store resolves it.
        public var dueDate: Day
        public var payable: Cents
        /// The payment reference printed on the invoice (`cbc:PaymentID`), if any.
        public var paymentID: String? {
            get { paymentIDText?.string }
            set { paymentIDText = newValue.map(InlineText.init) }
        }
        /// The payment reference as kept (`InlineText`: inline, so an invoice holds no reference for it).
        public var paymentIDText: InlineText?

        public init(id: Int64, number: String, agreementID: Int64?, isGoods: Bool, issueDate: Day, dueDate: Day,
                    payable: Cents, paymentID: String? = nil) {
            self.init(id: id, number: number, agreementID: agreementID, isGoods: isGoods, issueDate: issueDate,
                      dueDate: dueDate, payable: payable, paymentIDText: paymentID.map(InlineText.init))
        }

        public init(id: Int64, number: String, agreementID: Int64?, isGoods: Bool, issueDate: Day, dueDate: Day,
                    payable: Cents, paymentIDText: InlineText?) {
            self.id = id; self.number = number; self.agreementID = agreementID; self.isGoods = isGoods
            self.issueDate = issueDate; self.dueDate = dueDate; self.payable = payable; self.paymentIDText = paymentIDText
        }
    }

    /// A credit note: reduces what is owed on the invoice it references from its issue date.
    public struct CreditNote: Sendable, Hashable {
        public var number: String
        public var issueDate: Day
        public var amount: Cents
        /// The invoice it corrects; `nil` when it names none known to the ledger (it then stays a credit).
        public var invoiceID: Int64?

        public init(number: String, issueDate: Day, amount: Cents, invoiceID: Int64?) {
            self.number = number; self.issueDate = issueDate; self.amount = amount; self.invoiceID = invoiceID
        }
    }

    /// Money received from the client (a credit entry of a bank statement).
    public struct Payment: Sendable, Hashable, Identifiable {
        public var id: Int64
        public var bookingDate: Day
        public var amount: Cents
        /// The invoice the payer designated (art. 6:43(1) BW), if the payment named one.
        public var invoiceID: Int64?

        public init(id: Int64, bookingDate: Day, amount: Cents, invoiceID: Int64?) {
            self.id = id; self.bookingDate = bookingDate; self.amount = amount; self.invoiceID = invoiceID
        }
    }

    /// A delivered item, with the invoices its price is billed on.
    public struct DeliveredItem: Sendable, Hashable, Identifiable {
        public var id: Int64
        /// The serial as kept (`InlineText`: inline, so an item holds no reference for it).
        public var serialText: InlineText
        public var serial: String {
            get { serialText.string }
            set { serialText = InlineText(newValue) }
        }
        public var agreementID: Int64?
        public var deliveredOn: Day
        /// Invoices with a line linked to this item (by serial, or by agreement and GTIN).
        public var invoiceIDs: InvoiceIDList
        public var events: [ItemEvent]
        /// The item's price as invoiced (its line's amount per unit), when a line is linked: the
        /// value at contracting that art. 22bis Iw compares with its EUR 10,000 threshold.
        public var value: Cents?

        public init(id: Int64, serial: String, agreementID: Int64?, deliveredOn: Day, invoiceIDs: InvoiceIDList,
                    events: [ItemEvent] = [], value: Cents? = nil) {
            self.init(id: id, serialText: InlineText(serial), agreementID: agreementID, deliveredOn: deliveredOn,
                      invoiceIDs: invoiceIDs, events: events, value: value)
        }

        public init(id: Int64, serialText: InlineText, agreementID: Int64?, deliveredOn: Day, invoiceIDs: InvoiceIDList,
                    events: [ItemEvent] = [], value: Cents? = nil) {
            self.id = id; self.serialText = serialText; self.agreementID = agreementID; self.deliveredOn = deliveredOn
            self.invoiceIDs = invoiceIDs; self.events = events; self.value = value
        }
    }
}
