/// The readings `ScanReader` turns into a `Scan`: GS1 messages, EAN/UPC products, ISO/IEC 15434
/// envelopes and MH10.8.2 data identifiers.
extension ScanReader {
    mutating func gs1ElementString(_ data: Substring) -> Scan {
        do {
            let extraction = try GS1Message.extract(elementString: data, separators: options.separators, dictionary: options.dictionary)
            return gs1(extraction, source: .elementString)
        } catch { return invalid(error) }
    }

    mutating func digitalLink(_ data: Substring) -> Scan {
        do {
            let extraction = try GS1DigitalLink.extract(data, options: options.digitalLink, dictionary: options.dictionary)
            return gs1(extraction, source: .digitalLink)
        } catch {
            if symbology?.announcesGS1ElementString == true { return invalid(error) }
            notes.append("A web address that is not a GS1 Digital Link: \(error.message)")
            return make(.other, .text(String(data)))
        }
    }

    /// Summarises GS1 elements: (01) product, (21) serial, (10) lot, date AIs; (01)+(21) together
    /// make a product-and-serial barcode. Rule violations inside values make the scan invalid;
    /// `req=`/`ex=` association rules only add notes (the dictionary says to judge them over all the
    /// barcodes on the item, which only the intake session sees). One AI repeated with different
    /// values in the same barcode is invalid: no other barcode can settle which value holds (the
    /// Syntax Engine's validateAIrepeats check).
    mutating func gs1(_ extraction: GS1Extraction, source: Scan.GS1Source) -> Scan {
        let message = extraction.message
        if let problem = extraction.problems.first {
            return make(.invalid(problem), .gs1(message, source: source))
        }
        let associations = message.associationProblems()
        if let conflict = associations.first(where: { $0.code == .conflictingRepeat }) {
            return make(.invalid(conflict), .gs1(message, source: source))
        }
        for problem in associations { notes.append(problem.message) }
        let gtin = message.gtin?.gtin14
        let serial = message.value(for: "21")
        let kind: Scan.Kind
        switch (gtin != nil, serial != nil) {
        case (true, true): kind = .productAndSerial
        case (true, false): kind = .product
        case (false, true): kind = .serial
        case (false, false): kind = message.contains("8004") ? .serial : .other
        }
        return make(kind, .gs1(message, source: source), gtin: gtin, serial: serial ?? message.value(for: "8004"), lot: message.value(for: "10"))
    }

    mutating func product(_ gtin: GTIN, addOn: String?, composite: GS1Message?) -> Scan {
        if let composite {
            let associations = composite.associationProblems()
            if let conflict = associations.first(where: { $0.code == .conflictingRepeat }) {
                return make(.invalid(conflict), .eanUPC(gtin, addOn: addOn, composite: composite))
            }
            for problem in associations where problem.code != .missingRequisite { notes.append(problem.message) }
        }
        let serial = composite?.value(for: "21")
        return make(
            serial == nil ? .product : .productAndSerial, .eanUPC(gtin, addOn: addOn, composite: composite),
            gtin: gtin.gtin14, serial: serial, lot: composite?.value(for: "10"), composite: composite)
    }

    mutating func envelope(_ data: Substring) -> Scan {
        let message: ISO15434Message
        do { message = try ISO15434Message(data) } catch { return invalid(error) }
        for deviation in message.deviations { notes.append("ISO/IEC 15434: \(deviation) (tolerated).") }
        // Format 06 fields are each a data identifier and its data (ANSI MH10.8.2); a field without
        // one cannot be read, and saying so keeps a lost serial or part number from going unnoticed.
        for format in message.formats where format.indicator == "06" {
            for field in format.fields where DataIdentifierField(field: field) == nil {
                notes.append("ISO/IEC 15434 format 06: field \"\(field.prefix(20))\" has no MH10.8.2 data identifier; it was not read.")
            }
        }
        if message.formats.contains(where: { $0.indicator == "05" }) {
            let gs1Scan: Scan
            do {
                let elements = try message.gs1Messages(dictionary: options.dictionary).flatMap(\.elements)
                gs1Scan = gs1(GS1Extraction(message: GS1Message(elements: elements), problems: []), source: .iso15434)
            } catch { return invalid(error) }
            guard gs1Scan.isValid, message.formats.contains(where: { $0.indicator == "06" }) else { return gs1Scan }
            return combined(gs1Scan, dataIdentifiers(message.dataIdentifiers, envelope: message))
        }
        guard message.formats.contains(where: { $0.indicator == "06" }) else {
            notes.append("ISO/IEC 15434 formats \(message.formats.map(\.indicator).joined(separator: ", ")) are not interpreted.")
            return make(.other, .dataIdentifiers([], envelope: message))
        }
        return dataIdentifiers(message.dataIdentifiers, envelope: message)
    }

    /// One ISO/IEC 15434 message may hold several formats (ISO/IEC 15434 §5: "[)>" RS, then format
    /// envelopes one after another): a GS1 format 05 and an MH10.8.2 format 06 then describe the same
    /// item. The GS1 reading stays the content; the format 06 part number, serial, lot and vendor
    /// reading fill what the GS1 elements lack, so that a serial given only as DI "S" is not lost.
    mutating func combined(_ gs1Scan: Scan, _ diScan: Scan) -> Scan {
        if let gs1Serial = gs1Scan.serial, let diSerial = diScan.serial, gs1Serial != diSerial {
            notes.append("ISO/IEC 15434: format 05 serial \(gs1Serial) and format 06 serial \(diSerial) differ; the GS1 one is used.")
        }
        let productCode = diScan.productCode
        let serial = gs1Scan.serial ?? diScan.serial
        let kind: Scan.Kind
        switch (gs1Scan.gtin != nil || productCode != nil, serial != nil) {
        case (true, true): kind = .productAndSerial
        case (true, false): kind = .product
        case (false, true): kind = .serial
        case (false, false): kind = .other
        }
        return make(
            kind, gs1Scan.content, gtin: gs1Scan.gtin, productCode: productCode, serial: serial, lot: gs1Scan.lot ?? diScan.lot,
            vendor: diScan.vendor)
    }

    /// MH10.8.2 fields: part number (P, 1P, 30P, 25P), serial (S, 25S, 1S), lot (1T, T). A "1S" that
    /// fits Lenovo's label layout gives machine type-model and serial.
    mutating func dataIdentifiers(_ fields: [DataIdentifierField], envelope: ISO15434Message?) -> Scan {
        func first(_ ids: [String]) -> String? {
            for id in ids { if let field = fields.first(where: { $0.identifier == id && !$0.value.isEmpty }) { return field.value } }
            return nil
        }
        var productCode = first(["1P", "P", "30P", "25P"])
        var serial = first(["S", "25S", "11S"])
        // A label may list the serials of several units under one DI (a multipack); one scan is one
        // item, so the others are named rather than dropped unseen.
        if let serial, let id = ["S", "25S", "11S"].first(where: { id in fields.contains { $0.identifier == id && !$0.value.isEmpty } }) {
            let others = Set(fields.filter { $0.identifier == id && !$0.value.isEmpty && $0.value != serial }.map(\.value)).sorted()
            if !others.isEmpty {
                notes.append("The label holds further \(id) serial numbers besides \(serial): \(others.joined(separator: ", ")); only \(serial) was taken.")
            }
        }
        var vendor: VendorSerial?
        if let oneS = first(["1S"]) {
            vendor = VendorSerial.lenovo("1S" + oneS)
            serial = serial ?? vendor?.serial ?? oneS
            productCode = productCode ?? vendor?.productCode
        }
        let kind: Scan.Kind
        switch (productCode != nil, serial != nil) {
        case (true, true): kind = .productAndSerial
        case (true, false): kind = .product
        case (false, true): kind = .serial
        case (false, false): kind = .other
        }
        return make(
            kind, .dataIdentifiers(fields, envelope: envelope), productCode: productCode, serial: serial,
            lot: first(["1T", "T"]), vendor: vendor)
    }

    // MARK: - Building the result

    func make(
        _ kind: Scan.Kind, _ content: Scan.Content, gtin: String? = nil, productCode: String? = nil, serial: String? = nil,
        lot: String? = nil, vendor: VendorSerial? = nil, composite: GS1Message? = nil
    ) -> Scan {
        var dates: [Scan.DatedValue] = []
        let message: GS1Message?
        switch content {
        case .gs1(let m, _): message = m
        default: message = composite
        }
        if case .invalid = kind {} else {
            for element in message?.elements ?? [] {
                if let date = element.date { dates.append(Scan.DatedValue(ai: element.ai, title: element.title, date: date)) }
            }
        }
        return Scan(
            raw: raw, symbology: symbology, kind: kind, content: content, gtin: gtin, productCode: productCode,
            serial: serial, lot: lot, dates: dates, vendor: vendor, notes: notes)
    }

    func invalid(_ error: BarcodeError) -> Scan { make(.invalid(error), .unreadable) }
}
