/// The content checks ("linters") named in the GS1 Barcode Syntax Dictionary, applied to one
/// component of an AI value. Each returns nil when the component passes, or a short reason.
///
/// Implemented: csum, csumalpha, gcppos1/2, yymmdd, yymmd0, yyyymmdd, yyyymmd0, hhmi, hh, mi, ss,
/// iso3166, iso3166999, iso3166alpha2, iso4217, iso5218, nonzero, zero, nozeroprefix, hasnondigit,
/// winding, yesno, hyphen, pieceoftotal, posinseqslash, pcenc, latitude, longitude, mediatype,
/// importeridx, iban. Linters that need code lists this module does not carry (couponcode,
/// couponposoffer, packagetype) pass: their AIs are coupon/freight data that intake never needs.
enum GS1Linters {
    static func check(_ name: String, _ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        let text = String(decoding: v, as: UTF8.self)
        switch name {
        case "csum":
            guard v.count >= 2, allDigits(v), let expected = GS1CheckDigit.compute(v.dropLast()) else {
                return (.badCheckDigit, "\(text) cannot carry a GS1 check digit")
            }
            let found = Int((v.last ?? 0) &- 0x30)
            return found == expected ? nil : (.badCheckDigit, "bad check digit in \(text): expected \(expected), found \(found)")
        case "csumalpha": return checkAlphaPair(v)
        case "gcppos1": return checkCompanyPrefix(v)
        case "gcppos2": return v.count < 2 ? (.invalidValue, "\(text) too short for a GS1 Company Prefix") : checkCompanyPrefix(v.dropFirst())
        case "yymmdd", "yymmd0":
            guard v.count == 6, allDigits(v) else { return (.invalidDate, "\(text) is not a date YYMMDD") }
            let yy = number(v, 0, 2)
            return checkDate(year: yy, leap: yy % 4 == 0, month: number(v, 2, 2), day: number(v, 4, 2), allowZeroDay: name == "yymmd0", text: text)
        case "yyyymmdd", "yyyymmd0":
            guard v.count == 8, allDigits(v) else { return (.invalidDate, "\(text) is not a date YYYYMMDD") }
            let year = number(v, 0, 4)
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return checkDate(year: year, leap: leap, month: number(v, 4, 2), day: number(v, 6, 2), allowZeroDay: name == "yyyymmd0", text: text)
        case "hhmi":
            guard v.count == 4, allDigits(v), number(v, 0, 2) < 24, number(v, 2, 2) < 60 else { return (.invalidTime, "\(text) is not a time HHMM") }
            return nil
        case "hh": return v.count == 2 && allDigits(v) && number(v, 0, 2) < 24 ? nil : (.invalidTime, "\(text) is not an hour")
        case "mi", "ss": return v.count == 2 && allDigits(v) && number(v, 0, 2) < 60 ? nil : (.invalidTime, "\(text) is not minutes/seconds")
        case "iso3166": return ISOCodeLists.countryNumeric.contains(text) ? nil : (.invalidValue, "\(text) is not an ISO 3166 country code")
        case "iso3166999":
            return text == "999" || ISOCodeLists.countryNumeric.contains(text) ? nil : (.invalidValue, "\(text) is not an ISO 3166 country code or 999")
        case "iso3166alpha2": return ISOCodeLists.countryAlpha2.contains(text) ? nil : (.invalidValue, "\(text) is not an ISO 3166 alpha-2 country code")
        case "iso4217": return ISOCodeLists.currencyNumeric.contains(text) ? nil : (.invalidValue, "\(text) is not an ISO 4217 currency code")
        case "iso5218": return ["0", "1", "2", "9"].contains(text) ? nil : (.invalidValue, "\(text) is not an ISO 5218 sex code")
        case "nonzero": return allDigits(v) && v.contains(where: { $0 != 0x30 }) ? nil : (.invalidValue, "\(text) must not be zero")
        case "zero": return !v.isEmpty && v.allSatisfy({ $0 == 0x30 }) ? nil : (.invalidValue, "\(text) must be zero")
        case "nozeroprefix": return allDigits(v) && v.first != 0x30 ? nil : (.invalidValue, "\(text) must be digits without a leading zero")
        case "hasnondigit": return allDigits(v) ? (.invalidValue, "\(text) must contain a non-digit") : nil
        case "winding": return ["0", "1", "9"].contains(text) ? nil : (.invalidValue, "\(text) is not a winding direction")
        case "yesno": return ["0", "1"].contains(text) ? nil : (.invalidValue, "\(text) is not 0 or 1")
        case "hyphen": return !v.isEmpty && v.allSatisfy({ $0 == 0x2D }) ? nil : (.invalidValue, "\(text) must be hyphens")
        case "pieceoftotal": return checkPieceOfTotal(v)
        case "posinseqslash": return checkPositionInSequence(v)
        case "pcenc": return checkPercentEncoding(v)
        case "latitude": return v.count == 10 && allDigits(v) && number(v, 0, 10) <= 1_800_000_000 ? nil : (.invalidValue, "\(text) is not a latitude")
        case "longitude": return v.count == 10 && allDigits(v) && number(v, 0, 10) <= 3_600_000_000 ? nil : (.invalidValue, "\(text) is not a longitude")
        case "mediatype":
            guard v.count == 2, allDigits(v) else { return (.invalidValue, "\(text) is not a media type") }
            let n = number(v, 0, 2)
            return (1...10).contains(n) || (80...99).contains(n) ? nil : (.invalidValue, "\(text) is not an assigned AIDC media type")
        case "importeridx":
            guard v.count == 1, let c = v.first, isDigit(c) || isUpper(c) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F else {
                return (.invalidValue, "\(text) is not an importer index")
            }
            return nil
        case "iban": return checkIBAN(v)
        default: return nil
        }
    }

    // MARK: - Helpers

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    static func allDigits(_ v: ArraySlice<UInt8>) -> Bool { v.allSatisfy(isDigit) }

    static func number(_ v: ArraySlice<UInt8>, _ offset: Int, _ length: Int) -> Int {
        var result = 0
        let start = v.startIndex + offset
        for index in start..<(start + length) { result = result * 10 + Int(v[index] &- 0x30) }
        return result
    }

    /// Date check of GS1 General Specifications §7.12: a day of 00 means "the month as a whole" and
    /// is allowed only where the dictionary says so (`yymmd0`). For two-digit years the leap rule
    /// YY % 4 holds for every year the §7.12 sliding window can produce (1951-2099 around today).
    private static func checkDate(year: Int, leap: Bool, month: Int, day: Int, allowZeroDay: Bool, text: String)
        -> (code: BarcodeError.Code, reason: String)?
    {
        guard (1...12).contains(month) else { return (.invalidDate, "\(text): month \(month) does not exist") }
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if day == 0 { return allowZeroDay ? nil : (.invalidDate, "\(text): day 00 is not allowed here") }
        return day <= lengths[month - 1] ? nil : (.invalidDate, "\(text): day \(day) does not exist in month \(month)")
    }

    private static func checkCompanyPrefix(_ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        v.count >= 4 && allDigits(v.prefix(4)) ? nil : (.invalidValue, "\(String(decoding: v, as: UTF8.self)) does not start with a GS1 Company Prefix")
    }

    /// GS1 General Specifications §7.9.5: check character pair over CSET 82 with prime weights.
    private static func checkAlphaPair(_ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        let cset32 = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
        let cset82 = Array("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8)
        let text = String(decoding: v, as: UTF8.self)
        guard v.count >= 2 else { return (.badCheckDigit, "\(text) is too short for a check character pair") }
        if v.count == 2 { return Array(v) == [0x32, 0x32] ? nil : (.badCheckDigit, "bad check character pair in \(text)") }
        var primes: [Int] = []
        var candidate = 2
        while primes.count < v.count - 2 {
            if !primes.contains(where: { candidate % $0 == 0 }) { primes.append(candidate) }
            candidate += 1
        }
        var sum = 0
        let body = Array(v.dropLast(2))
        for (index, char) in body.enumerated() {
            guard let weight = cset82.firstIndex(of: char) else { return (.invalidCharacter, "\(text) has a character outside CSET 82") }
            sum += weight * primes[body.count - 1 - index]
        }
        sum %= 1021
        let pair = Array(v.suffix(2))
        return pair == [cset32[sum >> 5], cset32[sum & 31]] ? nil : (.badCheckDigit, "bad check character pair in \(text)")
    }

    private static func checkPieceOfTotal(_ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        let text = String(decoding: v, as: UTF8.self)
        guard allDigits(v), !v.isEmpty, v.count % 2 == 0 else { return (.invalidValue, "\(text) is not piece/total") }
        let half = v.count / 2
        let piece = Array(v.prefix(half))
        let total = Array(v.suffix(half))
        if piece.allSatisfy({ $0 == 0x30 }) || total.allSatisfy({ $0 == 0x30 }) { return (.invalidValue, "\(text): piece and total must not be zero") }
        return piece.lexicographicallyPrecedes(total) || piece == total ? nil : (.invalidValue, "\(text): piece number exceeds total")
    }

    private static func checkPositionInSequence(_ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        let text = String(decoding: v, as: UTF8.self)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]), let end = Int(parts[1]),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) && $0.first != "0" }), position <= end
        else { return (.invalidValue, "\(text) is not position/total") }
        return nil
    }

    private static func checkPercentEncoding(_ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        var index = v.startIndex
        while index < v.endIndex {
            if v[index] == 0x25 {
                guard index + 2 < v.endIndex, isHex(v[index + 1]), isHex(v[index + 2]) else {
                    return (.invalidValue, "\(String(decoding: v, as: UTF8.self)) has a bad percent escape")
                }
                index += 2
            }
            index += 1
        }
        return nil
    }

    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }

    /// ISO 13616 IBAN: country code, then mod-97 over the rearranged characters must be 1.
    private static func checkIBAN(_ v: ArraySlice<UInt8>) -> (code: BarcodeError.Code, reason: String)? {
        let text = String(decoding: v, as: UTF8.self)
        guard v.count > 4, v.count <= 34, ISOCodeLists.countryAlpha2.contains(String(text.prefix(2))) else {
            return (.invalidValue, "\(text) is not an IBAN")
        }
        let rearranged = Array(v.dropFirst(4)) + Array(v.prefix(4))
        var remainder = 0
        for char in rearranged {
            if isDigit(char) {
                remainder = (remainder * 10 + Int(char - 0x30)) % 97
            } else if isUpper(char) {
                remainder = (remainder * 100 + Int(char - 0x41 + 10)) % 97
            } else {
                return (.invalidCharacter, "\(text) has a character not allowed in an IBAN")
            }
        }
        return remainder == 1 ? nil : (.badCheckDigit, "\(text) fails the IBAN check")
    }
}
