/// What one scan means for intake: the typed reading of the characters a scanner sent.
///
/// `kind` answers the intake question ("is this the product, the unit's serial, or both?");
/// `gtin`, `productCode`, `serial`, `lot` and `dates` carry the values wherever the barcode had
/// them; `content` keeps the full structured reading; `raw` keeps the scan as received so that both
/// the raw scan and the normalised serial can be stored (design: "store both").
public struct Scan: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Identifies a product type: GTIN (EAN/UPC/ITF-14, GS1 (01) without serial) or a part number.
        case product
        /// Identifies one unit, without saying which product: a serial number.
        case serial
        /// Both in one barcode: GS1 (01)+(21), a Lenovo "1S" label, an ISO/IEC 15434 record with a
        /// serial (S, 1S, 25S) and a part number.
        case productAndSerial
        /// Understood, but neither product nor serial (SSCC, location, URL without GS1 key, text...).
        case other
        /// Not usable: the reason says what is wrong (bad check digit, unknown AI, missing FNC1...).
        case invalid(BarcodeError)
    }

    /// The structured reading behind the summary fields.
    public enum Content: Hashable, Sendable {
        /// GS1 element strings: from a GS1 symbology, a Digital Link URI, bracketed text or ISO/IEC
        /// 15434 format 05. `message` holds what could be read even when the scan is invalid.
        case gs1(GS1Message, source: GS1Source)
        /// EAN-13, EAN-8, UPC-A, UPC-E or ITF-14 (with an add-on or composite component if present).
        case eanUPC(GTIN, addOn: String?, composite: GS1Message?)
        /// ANSI MH10.8.2 data identifier fields, in an ISO/IEC 15434 envelope or (space-separated) without.
        case dataIdentifiers([DataIdentifierField], envelope: ISO15434Message?)
        /// A vendor serial label (see `VendorSerial`).
        case vendorSerial(VendorSerial)
        /// Anything else, as text.
        case text(String)
        /// Nothing could be read (with `Kind.invalid`).
        case unreadable
    }

    /// Where GS1 elements came from.
    public enum GS1Source: String, Hashable, Sendable { case elementString, digitalLink, bracketed, iso15434 }

    /// A date element of the scan (AI 11 production, 15 best before, 17 expiry, ...).
    public struct DatedValue: Hashable, Sendable {
        public let ai: String
        public let title: String
        public let date: GS1Date
    }

    /// The scan exactly as received.
    public let raw: String
    /// The AIM symbology identifier, when the scanner sent one.
    public let symbology: SymbologyIdentifier?
    public let kind: Kind
    public let content: Content
    /// GTIN in its 14-digit form, when the barcode carries a valid one.
    public let gtin: String?
    /// A non-GTIN product identity: supplier part number (MH10 1P/P/30P) or Lenovo machine type-model.
    public let productCode: String?
    public let serial: String?
    public let lot: String?
    public let dates: [DatedValue]
    /// The vendor reading of a serial label, when one fits (Lenovo identifies itself; Dell/HP by shape).
    public let vendor: VendorSerial?
    /// Things worth logging that did not make the scan invalid: tolerated envelope deviations,
    /// GS1 association rules (e.g. (21) without (01) in this barcode), ambiguous readings.
    public let notes: [String]

    /// True unless the kind is `.invalid`.
    public var isValid: Bool {
        if case .invalid = kind { return false }
        return true
    }

    /// The GS1 message, when the content has one.
    public var gs1Message: GS1Message? {
        switch content {
        case .gs1(let message, _): return message
        case .eanUPC(_, _, let composite): return composite
        default: return nil
        }
    }
}
