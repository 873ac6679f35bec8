/// An AIM / ISO/IEC 15424 symbology identifier: "]" + code character + modifier, sent by a scanner in
/// front of the data when configured to ("AIM ID" / "Code ID prefix"). It tells which barcode was
/// read and, for GS1 symbologies, that the data is a GS1 element string (GS1 General
/// Specifications §5.1.2, figure 5.1.2-2).
public struct SymbologyIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The code character, e.g. "C" (Code 128), "d" (Data Matrix), "E" (EAN/UPC).
    public let code: Character
    /// The modifier: one character, except for "]Y" system expansion (a digit n and n more characters).
    public let modifier: String

    public var value: String { "]" + String(code) + modifier }
    public var description: String { value }

    /// The barcode family and, where the modifier says so, its GS1 form.
    public enum Symbology: String, Sendable, Hashable {
        case code39, code128, gs1_128, dataMatrix, gs1DataMatrix, eanUPC, gs1DataBarOrComposite, codabar, code93
        case code11, itf, itf14, code16K, pdf417, msi, anker, codablock, plessey, qrCode, gs1QRCode
        case straight2of5TwoBar, straight2of5ThreeBar, code49, maxiCode, aztec, gs1Aztec, dotCode, gs1DotCode
        case otherBarcode, nonBarcode, systemExpansion, unknown
    }

    public var symbology: Symbology {
        let m = modifier.first ?? "0"
        switch code {
        case "A": return .code39
        case "C": return m == "1" ? .gs1_128 : .code128
        case "d": return "25".contains(m) ? .gs1DataMatrix : .dataMatrix
        case "E": return .eanUPC
        case "e": return .gs1DataBarOrComposite
        case "F": return .codabar
        case "G": return .code93
        case "H": return .code11
        case "I": return m == "1" ? .itf14 : .itf
        case "K": return .code16K
        case "L": return .pdf417
        case "M": return .msi
        case "N": return .anker
        case "O": return .codablock
        case "P": return .plessey
        case "Q": return "34".contains(m) ? .gs1QRCode : .qrCode
        case "R": return .straight2of5TwoBar
        case "S": return .straight2of5ThreeBar
        case "T": return .code49
        case "U": return .maxiCode
        case "z": return "14".contains(m) ? .gs1Aztec : .aztec
        case "J": return m == "1" ? .gs1DotCode : .dotCode
        case "X": return .otherBarcode
        case "Z": return .nonBarcode
        case "Y": return .systemExpansion
        default: return .unknown
        }
    }

    /// True when the modifier announces GS1 element-string data (FNC1 in first position):
    /// ]C1, ]e0, ]d2, ]Q3, ]J1 and friends. EAN/UPC (]E) carry a GTIN rather than an element string.
    public var announcesGS1ElementString: Bool {
        switch symbology {
        case .gs1_128, .gs1DataMatrix, .gs1QRCode, .gs1DotCode, .gs1Aztec, .gs1DataBarOrComposite: return true
        default: return false
        }
    }

    public init(code: Character, modifier: String) {
        self.code = code
        self.modifier = modifier
    }

    /// Splits a leading identifier off a scan. Returns nil when the scan does not start with "]";
    /// throws when it starts with "]" but the identifier is cut short or malformed.
    public static func split(_ scan: some StringProtocol) throws(BarcodeError) -> (identifier: SymbologyIdentifier, data: Substring)? {
        let text = Substring(scan)
        guard text.first == "]" else { return nil }
        let chars = Array(text.prefix(3))
        guard chars.count == 3, let codeAscii = chars[1].asciiValue, codeAscii >= 0x41, codeAscii <= 0x7A,
            chars[1].isLetter, chars[2].isASCII, !chars[2].isWhitespace
        else {
            throw BarcodeError(.badSymbologyIdentifier, "The scan starts with \"]\" but has no complete symbology identifier: \(text.prefix(3))")
        }
        var modifier = String(chars[2])
        var consumed = 3
        if chars[1] == "Y" {
            guard let n = chars[2].wholeNumberValue else {
                throw BarcodeError(.badSymbologyIdentifier, "System expansion identifier ]Y needs a digit: \(text.prefix(3))")
            }
            let extra = text.dropFirst(3).prefix(n)
            guard extra.count == n else {
                throw BarcodeError(.badSymbologyIdentifier, "System expansion identifier \(text.prefix(3)) is cut short.")
            }
            modifier += extra
            consumed += n
        }
        return (SymbologyIdentifier(code: chars[1], modifier: modifier), text.dropFirst(consumed))
    }
}
