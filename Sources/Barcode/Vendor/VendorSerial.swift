/// Serial-number label formats of the big PC vendors, recognised by shape. Dell and HP serials are
/// not self-identifying (any 7- or 10-character code may match), so a match is a reading offered to
/// the intake session, which knows the delivery's vendor; Lenovo's "1S" label is an MH10.8.2 data
/// identifier and so identifies itself.
public struct VendorSerial: Hashable, Sendable {
    public enum Vendor: String, Sendable, Hashable, CaseIterable { case dell, lenovo, hp }

    public let vendor: Vendor
    /// The serial number proper: Dell service tag, Lenovo serial, HP serial.
    public let serial: String
    /// Lenovo machine type-model (MTM), e.g. "20XW003JGE" (or 7 characters on older labels).
    public let productCode: String?
    /// Dell express service code: the service tag read as a base-36 number, in decimal.
    public let expressServiceCode: String?
    /// HP: the last digit of the manufacturing year and the ISO week (from "CC S Y WW ZZZZ").
    public let manufactureYearDigit: Int?
    public let manufactureWeek: Int?

    /// Lenovo "1S" label: "1S" + MTM (4-character machine type + 6-character model) + 8-character
    /// serial, or the older "1S" + 7-character type-model + 7-character serial.
    public static func lenovo(_ text: some StringProtocol) -> VendorSerial? {
        guard text.hasPrefix("1S") else { return nil }
        let body = text.dropFirst(2)
        guard body.allSatisfy(isUpperAlnum) else { return nil }
        let mtm: Int
        switch body.count {
        case 18: mtm = 10  // MTM 10 + serial 8
        case 14: mtm = 7  // type-model 7 + serial 7
        default: return nil
        }
        return VendorSerial(
            vendor: .lenovo, serial: String(body.dropFirst(mtm)), productCode: String(body.prefix(mtm)),
            expressServiceCode: nil, manufactureYearDigit: nil, manufactureWeek: nil)
    }

    /// Dell service tag: 7 upper-case letters and digits (at least one of each); the express service
    /// code is the same number in decimal.
    public static func dell(_ text: some StringProtocol) -> VendorSerial? {
        guard text.count == 7, text.allSatisfy(isUpperAlnum), text.contains(where: \.isASCIIDigit),
            text.contains(where: \.isLetter)
        else { return nil }
        var value: UInt64 = 0
        for char in text {
            guard let digit = char.base36Value else { return nil }
            value = value * 36 + UInt64(digit)
        }
        return VendorSerial(
            vendor: .dell, serial: String(text), productCode: nil, expressServiceCode: String(value),
            manufactureYearDigit: nil, manufactureWeek: nil)
    }

    /// HP serial: 10 characters "CC S Y WW ZZZZ": country (2), site (1), year digit, week 01-53,
    /// unit (4 letters/digits).
    public static func hp(_ text: some StringProtocol) -> VendorSerial? {
        let chars = Array(text)
        guard chars.count == 10, chars.allSatisfy(isUpperAlnum), chars[0...2].contains(where: \.isLetter),
            let year = chars[3].wholeNumberValue, let w1 = chars[4].wholeNumberValue, let w2 = chars[5].wholeNumberValue,
            (1...53).contains(w1 * 10 + w2)
        else { return nil }
        return VendorSerial(
            vendor: .hp, serial: String(text), productCode: nil, expressServiceCode: nil,
            manufactureYearDigit: year, manufactureWeek: w1 * 10 + w2)
    }

    /// The readings that fit the text, Lenovo first (it identifies itself), then HP and Dell.
    public static func candidates(_ text: some StringProtocol) -> [VendorSerial] {
        [lenovo(text), hp(text), dell(text)].compactMap { $0 }
    }

    private static func isUpperAlnum(_ char: Character) -> Bool {
        char.isASCII && (char.isASCIIDigit || char.isUppercase)
    }
}

extension Character {
    /// Value of 0-9 A-Z as a base-36 digit.
    var base36Value: Int? {
        guard let ascii = asciiValue else { return nil }
        switch ascii {
        case 0x30...0x39: return Int(ascii - 0x30)
        case 0x41...0x5A: return Int(ascii - 0x41 + 10)
        default: return nil
        }
    }
}
