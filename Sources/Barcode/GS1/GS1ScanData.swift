/// Scanner output for GS1 symbologies ("scan data" in the GS1 Barcode Syntax Engine's terms): the
/// AIM symbology identifier followed by the data, GS for FNC1 separators, and "|]e0" before a
/// 2D composite component transmitted after an EAN/UPC (GS1 General Specifications §5.4.4,
/// §5.1.2). `process` reads it into the Syntax Engine's "^" data-string form; `generate` writes it,
/// which the scanner emulator and the tests use.
public enum GS1ScanData {
    /// The symbologies that carry GS1 data, as the Syntax Engine names them.
    public enum Symbology: String, Sendable, Hashable, CaseIterable {
        case dataBarOmni = "DataBarOmni", dataBarTruncated = "DataBarTruncated", dataBarStacked = "DataBarStacked"
        case dataBarStackedOmni = "DataBarStackedOmni", dataBarLimited = "DataBarLimited", dataBarExpanded = "DataBarExpanded"
        case upcA = "UPCA", upcE = "UPCE", ean13 = "EAN13", ean8 = "EAN8"
        case gs1_128_CCA = "GS1_128_CCA", gs1_128_CCC = "GS1_128_CCC", qr = "QR", dataMatrix = "DM", dotCode = "DotCode"
    }

    /// Reads scan data with its AIM identifier. GS1 modes (]C1 ]e0 ]d2 ]Q3 ]J1) must hold a valid
    /// element string; EAN/UPC (]E0 13 digits, ]E4 8 digits) a valid check digit; plain 2D modes
    /// (]d1 ]Q1 ]J0) any data, except that an http(s) URI there must be a valid GS1 Digital Link.
    /// Returns the symbology and the data string ("^" first for GS1 data; a leading literal "^"
    /// of plain data escaped as "\^").
    public static func process(_ scan: some StringProtocol, dictionary: GS1Dictionary = .builtIn)
        throws(BarcodeError) -> (symbology: Symbology, dataString: String)
    {
        let text = String(scan)
        guard !text.isEmpty else { throw BarcodeError(.empty, "The scan is empty.") }
        guard let (identifier, data) = try SymbologyIdentifier.split(text) else {
            throw BarcodeError(.badSymbologyIdentifier, "The scan has no symbology identifier: \(text.prefix(12))")
        }
        func gs1(_ part: Substring) throws(BarcodeError) -> String {
            guard !part.isEmpty else { throw BarcodeError(.empty, "\(identifier) announces GS1 data but none follows.") }
            let dataString = "^" + part.replacingOccurrences(of: "\u{1D}", with: "^")
            _ = try GS1Message(dataString: dataString, dictionary: dictionary)
            return dataString
        }
        func plain(_ part: Substring) throws(BarcodeError) -> String {
            if GS1DigitalLink.looksLikeURI(part) { _ = try GS1DigitalLink.parse(part, dictionary: dictionary) }
            if part.drop(while: { $0 == "\\" }).first == "^" { return "\\" + part }
            return String(part)
        }
        switch identifier.value {
        case "]C1": return (.gs1_128_CCA, try gs1(data))
        case "]e0": return (.dataBarExpanded, try gs1(data))
        case "]d2": return (.dataMatrix, try gs1(data))
        case "]Q3": return (.qr, try gs1(data))
        case "]J1": return (.dotCode, try gs1(data))
        case "]d1": return (.dataMatrix, try plain(data))
        case "]Q1": return (.qr, try plain(data))
        case "]J0": return (.dotCode, try plain(data))
        case "]E0", "]E4":
            let ean8 = identifier.value == "]E4"
            var linear = data
            var composite: String?
            if let bar = data.range(of: "|]e0") {
                linear = data[..<bar.lowerBound]
                composite = try gs1(data[bar.upperBound...])
            }
            let length = ean8 ? 8 : 13
            guard linear.count == length, linear.allSatisfy(\.isASCIIDigit) else {
                throw BarcodeError(.badLength, "\(identifier) must be followed by \(length) digits: \(linear)")
            }
            guard GS1CheckDigit.isValid(linear) else { throw BarcodeError(.badCheckDigit, "\(linear) has a bad check digit.") }
            return (ean8 ? .ean8 : .ean13, String(linear) + (composite.map { "|" + $0 } ?? ""))
        default:
            throw BarcodeError(.unsupportedSymbology, "\(identifier) is not a symbology that carries GS1 data.")
        }
    }

    /// Writes the scan data a scanner sends for `dataString` in `symbology`. Linear-only forms of
    /// DataBar/EAN/UPC accept the bare GTIN or "^01..." with a 14-digit GTIN; "|" separates a
    /// composite component. `addCheckDigit` computes the EAN/UPC check digit from the data.
    public static func generate(
        _ symbology: Symbology, dataString: String, addCheckDigit: Bool = false, dictionary: GS1Dictionary = .builtIn
    ) throws(BarcodeError) -> String {
        let parts = dataString.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let linear = parts[0]
        let composite = parts.count > 1 ? parts[1] : nil
        func validGS1(_ part: Substring) throws(BarcodeError) -> GS1Message {
            try GS1Message(dataString: part, dictionary: dictionary)
        }
        func transmitted(_ part: Substring) -> String { String(part.dropFirst()).replacingOccurrences(of: "^", with: "\u{1D}") }
        switch symbology {
        case .qr, .dataMatrix, .dotCode:
            let (plainID, gs1ID) = symbology == .qr ? ("]Q1", "]Q3") : symbology == .dataMatrix ? ("]d1", "]d2") : ("]J0", "]J1")
            if dataString.hasPrefix("^") {
                _ = try validGS1(Substring(dataString))
                return gs1ID + transmitted(Substring(dataString))
            }
            var body = Substring(dataString)
            if body.drop(while: { $0 == "\\" }).first == "^", body.first == "\\" { body = body.dropFirst() }
            return plainID + body
        case .dataBarExpanded, .gs1_128_CCA, .gs1_128_CCC:
            guard linear.hasPrefix("^") else { throw BarcodeError(.badDataString, "\(symbology.rawValue) needs GS1 data (\"^\" first).") }
            let message = try validGS1(linear)
            guard let composite else {
                return (symbology == .dataBarExpanded ? "]e0" : "]C1") + transmitted(linear)
            }
            _ = try validGS1(composite)
            let joiner = message.elements.last?.entry?.needsSeparator ?? true ? "\u{1D}" : ""
            return "]e0" + transmitted(linear) + joiner + transmitted(composite)
        case .dataBarOmni, .dataBarTruncated, .dataBarStacked, .dataBarStackedOmni, .dataBarLimited:
            let gtin = try primaryGTIN(linear, length: 14, addCheckDigit: addCheckDigit)
            if symbology == .dataBarLimited, !(gtin.hasPrefix("0") || gtin.hasPrefix("1")) {
                throw BarcodeError(.invalidValue, "GS1 DataBar Limited carries only GTINs starting with 0 or 1: \(gtin)")
            }
            let tail = try composite.map { (c) throws(BarcodeError) -> String in
                _ = try validGS1(c)
                return transmitted(c)
            }
            return "]e001" + gtin + (tail ?? "")
        case .upcA, .upcE, .ean13, .ean8:
            let length = symbology == .ean8 ? 8 : symbology == .ean13 ? 13 : 12
            var digits = try primaryGTIN(linear, length: length, addCheckDigit: addCheckDigit)
            if symbology == .upcE, UPC.compress(upcA: digits) == nil {
                throw BarcodeError(.invalidValue, "\(digits) cannot be zero-suppressed into UPC-E.")
            }
            if symbology == .upcA || symbology == .upcE { digits = "0" + digits }
            let tail = try composite.map { (c) throws(BarcodeError) -> String in
                _ = try validGS1(c)
                return "|]e0" + transmitted(c)
            }
            return (symbology == .ean8 ? "]E4" : "]E0") + digits + (tail ?? "")
        }
    }

    /// The primary GTIN of a linear-only symbology: bare digits of the symbology's length, or
    /// "^01" + a GTIN-14 whose leading zeros reduce to that length.
    private static func primaryGTIN(_ part: Substring, length: Int, addCheckDigit: Bool) throws(BarcodeError) -> String {
        var digits = String(part)
        if part.hasPrefix("^01") {
            digits = String(part.dropFirst(3))
            guard digits.count == 14, digits.prefix(14 - length).allSatisfy({ $0 == "0" }) else {
                throw BarcodeError(.badLength, "\(part) does not hold a GTIN of \(length) digits.")
            }
            digits = String(digits.suffix(length))
        } else if addCheckDigit {
            guard digits.count == length - 1, digits.allSatisfy(\.isASCIIDigit), let check = GS1CheckDigit.compute(digits) else {
                throw BarcodeError(.badLength, "\(part) must be \(length - 1) digits to add a check digit.")
            }
            digits += String(check)
        }
        guard digits.count == length, digits.allSatisfy(\.isASCIIDigit) else {
            throw BarcodeError(.badLength, "\(part) must be \(length) digits.")
        }
        guard GS1CheckDigit.isValid(digits) else { throw BarcodeError(.badCheckDigit, "\(digits) has a bad check digit.") }
        return digits
    }
}
