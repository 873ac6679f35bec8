import Foundation

/// The supplier's letterhead: who sends the letters, where the client pays, who signs.
///
/// Data a person edits (`Resources/templates/letters/supplier.conf`), not code: a letter demanding
/// payment must name the creditor and the account to pay to, and a notice of default must be
/// identifiable as coming from the creditor (art. 6:82 BW: a written notice).
public struct SupplierProfile: Sendable, Hashable {
    public var name: String
    /// Street and number.
    public var address: String
    public var postcode: String
    public var city: String
    /// Chamber of Commerce number (KvK), 8 digits.
    public var kvkNumber: String
    /// VAT identification number (btw-id), if the supplier wants it on letters.
    public var vatNumber: String?
    /// The account payments go to, as written in the file (spaces allowed); checked with ISO 13616 mod 97.
    public var iban: String
    public var bic: String?
    public var phone: String?
    public var email: String
    public var website: String?
    /// The person who signs the letters.
    public var signatory: String
    /// The signatory's function ("Financiële administratie").
    public var signatoryRole: String?

    public init(name: String, address: String, postcode: String, city: String, kvkNumber: String,
                vatNumber: String? = nil, iban: String, bic: String? = nil, phone: String? = nil, email: String,
                website: String? = nil, signatory: String, signatoryRole: String? = nil) {
        self.name = name
        self.address = address
        self.postcode = postcode
        self.city = city
        self.kvkNumber = kvkNumber
        self.vatNumber = vatNumber
        self.iban = iban
        self.bic = bic
        self.phone = phone
        self.email = email
        self.website = website
        self.signatory = signatory
        self.signatoryRole = signatoryRole
    }

    /// The IBAN in groups of four ("NL13 TEST 0123 4567 89"), as printed on payment instructions.
    public var ibanGrouped: String {
        let compact = iban.filter { !$0.isWhitespace }.uppercased()
        var groups: [String] = []
        var rest = Substring(compact)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// Whether `iban` has a valid ISO 13616 check (letters A=10…Z=35, the number mod 97 is 1).
    public static func isValidIBAN(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        guard compact.count >= 15, compact.count <= 34,
              compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              compact.prefix(2).allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        var remainder = 0
        for character in compact.dropFirst(4) + compact.prefix(4) {
            guard let value = character.isNumber ? character.wholeNumberValue : letterValue(character) else { return false }
            remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        return remainder == 1
    }

    private static func letterValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, ascii >= 65, ascii <= 90 else { return nil }
        return Int(ascii) - 55
    }
}
