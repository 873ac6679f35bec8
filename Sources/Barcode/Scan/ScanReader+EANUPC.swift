/// EAN/UPC scans (AIM code "E"): the main number, an add-on, and a GS1 composite component.
///
/// ISO/IEC 15420:2009 Annex B (table B.1) and GS1 General Specifications §5.1.3 define what follows
/// each modifier: ]E0 13 digits (EAN-13, and UPC-A / UPC-E expanded to 13 digits), ]E1 a 2-digit and
/// ]E2 a 5-digit add-on alone, ]E3 13 digits and the add-on run together (15 or 18 digits), ]E4
/// EAN-8. Widespread decoders (zxing-cpp and the scanners built on it, Honeywell and Zebra with
/// "UPC-E expand" off) deviate: they send UPC-A as 12 digits and UPC-E as its 8 printed digits under
/// ]E0, and an add-on after a space ("]E3" + "9781234567897 12345", "]E4" + EAN-8 + " 12"). Those
/// forms name the same GTIN without ambiguity, so they are read and the deviation is noted.
extension ScanReader {
    mutating func eanUPC(_ modifier: String, _ data: Substring) -> Scan {
        var linear = data
        var composite: GS1Message?
        if let bar = data.range(of: "|]e0") {
            linear = data[..<bar.lowerBound]
            do {
                composite = try GS1Message(elementString: data[bar.upperBound...], separators: options.separators, dictionary: options.dictionary)
            } catch { return invalid(error) }
        }
        var main = linear
        var addOn: Substring?
        if let space = linear.firstIndex(of: " ") {
            main = linear[..<space]
            addOn = linear[linear.index(after: space)...]
            guard modifier == "3" || modifier == "4", let digits = addOn, digits.count == 2 || digits.count == 5 else {
                return invalid(BarcodeError(
                    .badLength, "]E\(modifier) data \"\(linear)\" has a space; only an add-on of 2 or 5 digits may follow one, after ]E3 or ]E4."))
            }
            notes.append("EAN/UPC add-on sent after a space; ISO/IEC 15420 Annex B runs it into the main number (tolerated).")
        }
        guard main.allSatisfy(\.isASCIIDigit), addOn?.allSatisfy(\.isASCIIDigit) ?? true else {
            return invalid(BarcodeError(.invalidCharacter, "EAN/UPC data must be digits: \(linear)"))
        }
        if addOn == nil, modifier == "3", main.count == 15 || main.count == 18 {
            addOn = main.dropFirst(13)
            main = main.prefix(13)
        }
        let addOnText = addOn.map(String.init)
        do {
            switch (modifier, main.count, addOn != nil) {
            case ("0", 13, false), ("3", 13, true), ("4", 8, _):
                return product(try GTIN(main), addOn: addOnText, composite: composite)
            case ("0", 12, false), ("3", 12, true):
                notes.append("UPC-A sent as 12 digits; ISO/IEC 15420 Annex B sends 13 (tolerated).")
                return product(try GTIN(main), addOn: addOnText, composite: composite)
            case ("0", 8, false), ("3", 8, true):
                let upcE = try UPC(main)
                notes.append("UPC-E \(main) sent unexpanded; ISO/IEC 15420 Annex B sends it as 13 digits (tolerated).")
                return product(try GTIN(upcE.upcA), addOn: addOnText, composite: composite)
            case ("1", 2, false), ("2", 5, false):
                notes.append("EAN/UPC add-on read alone (\(main)); it is not a product identity.")
                return make(.other, .text(String(main)))
            default:
                return invalid(BarcodeError(.badLength, "]E\(modifier) data has \(linear.count) digits, which no EAN/UPC form has."))
            }
        } catch { return invalid(error) }
    }
}
