/// `Barcode.interpret`: from the characters of one scan to a typed `Scan`.
extension Barcode {
    /// Reads one scan (as delivered by a decoder, symbology identifier included if the scanner sends
    /// it). Never throws: problems come back as `Scan.Kind.invalid` with the reason.
    ///
    /// Order of reading: AIM symbology identifier (ISO/IEC 15424); ISO/IEC 15434 envelope; GS1
    /// symbologies as GS1 element strings (GS1 General Specifications §7.8); EAN/UPC/ITF-14 with
    /// check digit (§7.9); GS1 Digital Link URIs; without an identifier, the same readings guessed
    /// from the shape of the data; then vendor serial labels; otherwise a plain serial number.
    public static func interpret(_ scan: String, options: Options = Options()) -> Scan {
        var reader = ScanReader(raw: scan, options: options)
        return reader.read()
    }
}

/// Builds one `Scan`; one instance per call.
struct ScanReader {
    let raw: String
    let options: Options
    typealias Options = Barcode.Options
    var symbology: SymbologyIdentifier?
    var notes: [String] = []

    init(raw: String, options: Options) {
        self.raw = raw
        self.options = options
    }

    mutating func read() -> Scan {
        var text = Substring(raw)
        while let last = text.last, last == "\r" || last == "\n" { text = text.dropLast() }
        guard !text.isEmpty else { return invalid(BarcodeError(.empty, "The scan is empty.")) }
        do {
            if let (identifier, data) = try SymbologyIdentifier.split(text) {
                symbology = identifier
                text = data
            }
        } catch { return invalid(error) }
        guard !text.isEmpty else {
            return invalid(BarcodeError(.empty, "The scan holds a symbology identifier (\(symbology?.value ?? "")) but no data."))
        }
        if ISO15434Message.looksLikeEnvelope(text) { return envelope(text) }
        if let symbology { return withIdentifier(symbology, text) }
        return withoutIdentifier(text)
    }

    // MARK: - With a symbology identifier

    mutating func withIdentifier(_ identifier: SymbologyIdentifier, _ data: Substring) -> Scan {
        if identifier.announcesGS1ElementString {
            if GS1DigitalLink.looksLikeURI(data) { return digitalLink(data) }
            return gs1ElementString(data)
        }
        switch identifier.code {
        case "E": return eanUPC(identifier.modifier, data)
        case "I":
            // ]I1 says only that the scanner checked a mod-10 check digit (ISO/IEC 16390, symbology
            // identifier annex: modifiers 0, 1, 3), so an ITF of another length is no broken ITF-14.
            if data.count == 14, let gtin = try? GTIN(data) { return product(gtin, addOn: nil, composite: nil) }
            if identifier.modifier == "1", data.count == 14 {
                return invalid(BarcodeError(.badCheckDigit, "ITF-14 \(data) is not a valid GTIN-14."))
            }
        default: break
        }
        if GS1DigitalLink.looksLikeURI(data) { return digitalLink(data) }
        if looksBracketed(data) {
            notes.append(
                "GS1 data in its bracketed human-readable form inside \(identifier), not a GS1 symbology: the label encodes the parentheses, which GS1 General Specifications §4.15 keeps out of the data.")
            return bracketed(data)
        }
        return serialOrText(data)
    }

    // MARK: - Without a symbology identifier

    mutating func withoutIdentifier(_ data: Substring) -> Scan {
        if GS1DigitalLink.looksLikeURI(data) { return digitalLink(data) }
        guard options.guessWithoutSymbologyIdentifier else { return serialOrText(data) }
        if looksBracketed(data) { return bracketed(data) }
        if data.contains(where: options.separators.contains) { return gs1ElementString(data) }
        if data.allSatisfy(\.isASCIIDigit), let scan = numeric(data) { return scan }
        if let scan = guessedGS1(data, mustBeValid: true) { return scan }
        return serialOrText(data)
    }

    /// Digits only: EAN/UPC/ITF-14 by length and check digit, EAN-13 with add-on, SSCC, then a GS1
    /// element string that starts with a GS1 key AI. Nil means "read it as a serial number".
    mutating func numeric(_ digits: Substring) -> Scan? {
        if [8, 12, 13, 14].contains(digits.count), let gtin = try? GTIN(digits) {
            notes.append("Read as \(gtin.format.rawValue) from its length and check digit (no symbology identifier).")
            return product(gtin, addOn: nil, composite: nil)
        }
        if digits.count == 18, let sscc = try? SSCC(digits) {
            notes.append("Read as an SSCC from its length and check digit (no symbology identifier).")
            let element = GS1Element(ai: "00", value: sscc.digits, entry: options.dictionary.entry(for: "00"))
            return make(.other, .gs1(GS1Message(elements: [element]), source: .elementString))
        }
        if digits.count == 15 || digits.count == 18, let gtin = try? GTIN(digits.prefix(13)) {
            notes.append("Read as EAN-13 with a \(digits.count - 13)-digit add-on (no symbology identifier).")
            return product(gtin, addOn: String(digits.dropFirst(13)), composite: nil)
        }
        return guessedGS1(digits, mustBeValid: false)
    }

    /// A GS1 element string sent without symbology identifier (and possibly without its FNC1
    /// separators): accepted when it starts with a GS1 key AI and reads to the end. Data with
    /// letters must also pass every check, so that serial numbers are not misread.
    mutating func guessedGS1(_ data: Substring, mustBeValid: Bool) -> Scan? {
        let keys: Set<String> = ["00", "01", "02", "8003", "8004", "8006", "8010", "8017", "8018", "253", "255", "414", "417"]
        guard let extraction = try? GS1Message.extract(elementString: data, separators: options.separators, dictionary: options.dictionary),
            let first = extraction.message.elements.first, keys.contains(first.ai), !mustBeValid || extraction.problems.isEmpty
        else { return nil }
        notes.append("Read as a GS1 element string from its shape (no symbology identifier).")
        return gs1(extraction, source: .elementString)
    }

    /// True when the data opens with "(" + a GS1 AI in the dictionary + ")": the human-readable
    /// (bracketed) form of GS1 data (GS1 General Specifications §4.15), which some labels encode as
    /// plain text although the parentheses are not part of the data.
    func looksBracketed(_ data: Substring) -> Bool {
        guard data.first == "(", let close = data.firstIndex(of: ")") else { return false }
        let ai = data[data.index(after: data.startIndex)..<close]
        return (2...4).contains(ai.count) && ai.allSatisfy(\.isASCIIDigit) && options.dictionary.entry(for: ai) != nil
    }

    /// Bracketed GS1 data; once it opens with an AI, a structural error (value too short, empty,
    /// unclosed bracket) makes the scan invalid rather than a serial number with brackets in it.
    mutating func bracketed(_ data: Substring) -> Scan {
        do {
            return gs1(try GS1Message.extract(hri: data, dictionary: options.dictionary), source: .bracketed)
        } catch { return invalid(error) }
    }

    /// Vendor labels, space-separated MH10 data identifiers, or a plain serial number.
    mutating func serialOrText(_ data: Substring) -> Scan {
        if let lenovo = VendorSerial.lenovo(data) {
            return make(.productAndSerial, .vendorSerial(lenovo), productCode: lenovo.productCode, serial: lenovo.serial, vendor: lenovo)
        }
        let tokens = data.split(separator: " ")
        if tokens.count >= 2 {
            let fields = tokens.compactMap { DataIdentifierField(field: $0) }
            if fields.count == tokens.count, fields.contains(where: { $0.role != .other }) {
                notes.append("Read as MH10.8.2 data identifiers separated by spaces (no ISO/IEC 15434 envelope).")
                return dataIdentifiers(fields, envelope: nil)
            }
        }
        let serialLike = (1...64).contains(data.count) && data.allSatisfy { $0.isASCII && !$0.isWhitespace && ($0.asciiValue ?? 0) >= 0x21 }
        guard serialLike else { return make(.other, .text(String(data))) }
        let candidates = VendorSerial.candidates(data)
        if candidates.count > 1 {
            notes.append("The serial fits several vendor formats: \(candidates.map(\.vendor.rawValue).joined(separator: ", ")).")
        }
        if let vendor = candidates.first {
            return make(.serial, .vendorSerial(vendor), serial: vendor.serial, vendor: vendor)
        }
        return make(.serial, .text(String(data)), serial: String(data))
    }
}
