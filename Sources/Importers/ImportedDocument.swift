import TitleholdCore

/// A UBL 2.1 Invoice or CreditNote as read from a file (Peppol BIS Billing 3.0, SI-UBL 2.0 /
/// NLCIUS, or plain OASIS UBL 2.1). Plain data: the store decides what it means for the ledger.
public struct ImportedDocument: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case invoice, creditNote = "credit_note" }

    /// What the document means for the ledger: `.creditNote` for a `CreditNote`, and also for an
    /// `Invoice` whose amount due is negative (a credit; see `UBLReader`).
    public var kind: Kind
    /// `cbc:ID`.
    public var number: String
    public var issueDate: Day
    /// `cbc:DueDate` (Invoice), else `cac:PaymentMeans/cbc:PaymentDueDate`, else the
    /// `cac:PaymentTerms` date; `nil` when the document states none (the rules then apply
    /// art. 6:119a BW's 30 days).
    public var dueDate: Day?
    /// `cbc:DocumentCurrencyCode`; the reader refuses anything but EUR (art. 13.1).
    public var currency: String
    /// `cac:LegalMonetaryTotal/cbc:PayableAmount` in cents (for a credit note: the amount credited;
    /// for an `Invoice` with a negative amount due: that amount made positive). Never negative.
    public var payable: Cents
    /// `cac:PaymentMeans/cbc:PaymentID` (the payment reference the buyer is asked to quote).
    public var paymentID: String?
    /// `cac:OrderReference/cbc:ID`.
    public var orderReference: String?
    /// `cac:ContractDocumentReference/cbc:ID`.
    public var contractReference: String?
    /// `cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID` — for a credit note (or a negative
    /// Invoice), the invoice(s) it corrects.
    public var billingReferences: [String]
    public var seller: Party
    public var buyer: Party
    /// `cac:Delivery/cac:DeliveryLocation/cac:Address`, one line of text, if present.
    public var deliveryAddress: String?
    public var lines: [Line]
    /// `cbc:InvoiceTypeCode` / `cbc:CreditNoteTypeCode` as written (UNTDID 1001: 380 commercial
    /// invoice, 381 credit note, 384 corrected invoice, 386 prepayment invoice...), if present.
    public var typeCode: String? = nil
    /// `cac:Delivery/cbc:ActualDeliveryDate` (BT-72), if present: when the goods were delivered,
    /// i.e. when risk passed (art. 11.1); intake records its own date, this is the seller's statement.
    public var deliveryDate: Day? = nil

    public init(kind: Kind, number: String, issueDate: Day, dueDate: Day?, currency: String, payable: Cents,
                paymentID: String?, orderReference: String?, contractReference: String?, billingReferences: [String],
                seller: Party, buyer: Party, deliveryAddress: String?, lines: [Line]) {
        self.kind = kind; self.number = number; self.issueDate = issueDate; self.dueDate = dueDate
        self.currency = currency; self.payable = payable; self.paymentID = paymentID
        self.orderReference = orderReference; self.contractReference = contractReference
        self.billingReferences = billingReferences; self.seller = seller; self.buyer = buyer
        self.deliveryAddress = deliveryAddress; self.lines = lines
    }

    /// A trading party (`cac:AccountingSupplierParty/cac:Party` or `cac:AccountingCustomerParty/cac:Party`).
    public struct Party: Sendable, Equatable {
        /// `cac:PartyName/cbc:Name`, else `cac:PartyLegalEntity/cbc:RegistrationName`.
        public var name: String?
        /// `cac:PartyLegalEntity/cbc:CompanyID` with its `schemeID` (0106 = Dutch KvK, 0190 = OIN...).
        public var legalID: Identifier?
        /// `cac:PartyIdentification/cbc:ID` values with their `schemeID`.
        public var partyIDs: [Identifier]
        /// `cbc:EndpointID` with its `schemeID` (the Peppol endpoint).
        public var endpointID: Identifier?
        /// `cac:PartyTaxScheme/cbc:CompanyID` (VAT numbers).
        public var vatIDs: [String]
        /// `cac:PostalAddress` as one line.
        public var address: String?

        public init(name: String? = nil, legalID: Identifier? = nil, partyIDs: [Identifier] = [],
                    endpointID: Identifier? = nil, vatIDs: [String] = [], address: String? = nil) {
            self.name = name; self.legalID = legalID; self.partyIDs = partyIDs
            self.endpointID = endpointID; self.vatIDs = vatIDs; self.address = address
        }
    }

    public struct Identifier: Sendable, Equatable, Hashable {
        public var scheme: String?
        public var value: String
        public init(scheme: String?, value: String) { self.scheme = scheme; self.value = value }
    }

    /// `cac:InvoiceLine` or `cac:CreditNoteLine`.
    public struct Line: Sendable, Equatable {
        /// `cbc:ID`.
        public var id: String
        /// `cac:Item/cac:StandardItemIdentification/cbc:ID` when its schemeID is 0160 or GTIN (as written).
        public var gtin: String?
        /// `cac:Item/cac:SellersItemIdentification/cbc:ID`.
        public var sellersItemID: String?
        /// `cac:Item/cbc:Name`.
        public var name: String?
        /// `cbc:InvoicedQuantity` / `cbc:CreditedQuantity` as written (UBL allows decimals).
        public var quantity: String
        /// The quantity as a whole number of units when it is one (used to link delivered items).
        public var wholeUnits: Int?
        /// `cbc:LineExtensionAmount` in cents.
        public var lineExtension: Cents
        /// `cac:Item/cac:ItemInstance/cbc:SerialID` values.
        public var serials: [String]

        public init(id: String, gtin: String?, sellersItemID: String?, name: String?, quantity: String,
                    wholeUnits: Int?, lineExtension: Cents, serials: [String]) {
            self.id = id; self.gtin = gtin; self.sellersItemID = sellersItemID; self.name = name
            self.quantity = quantity; self.wholeUnits = wholeUnits; self.lineExtension = lineExtension
            self.serials = serials
        }
    }
}
