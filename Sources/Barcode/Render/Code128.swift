/// Code 128 (ISO/IEC 15417) encoding in code set B, for printing the barcodes Titlehold itself
/// makes: intake control barcodes and serials on warranty sheets and pickup manifests.
public enum Code128 {
    /// Bar and space widths (in modules) of symbol values 0–106; each symbol starts with a bar.
    /// Values 0–105 are 6 elements of 11 modules; 106 is the stop pattern (7 elements, 13 modules).
    static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]

    static let startB = 104
    static let stop = 106

    public enum EncodingError: Error, Equatable, CustomStringConvertible {
        case notPrintableASCII(Character)
        public var description: String {
            switch self {
            case .notPrintableASCII(let c): "Code 128 set B cannot encode \(c.unicodeScalars.first.map { "U+\(String($0.value, radix: 16))" } ?? "?")"
            }
        }
    }

    /// The symbol values of `text` in code set B: start B, the characters, the mod-103 check symbol, stop.
    public static func symbols(_ text: String) throws(EncodingError) -> [Int] {
        var values = [startB]
        for character in text {
            guard let ascii = character.asciiValue, ascii >= 32, ascii <= 126 else { throw .notPrintableASCII(character) }
            values.append(Int(ascii) - 32)
        }
        var checksum = startB
        for (position, value) in values.dropFirst().enumerated() { checksum += value * (position + 1) }
        values.append(checksum % 103)
        values.append(stop)
        return values
    }

    /// Module widths, alternating bar and space, starting with a bar (quiet zones not included).
    public static func modules(_ text: String) throws(EncodingError) -> [Int] {
        try symbols(text).flatMap { patterns[$0].compactMap { Int(String($0)) } }
    }

    /// An SVG drawing of `text` as Code 128 with its human-readable text below.
    public static func svg(_ text: String, moduleWidth: Double = 2, height: Double = 60) throws(EncodingError) -> String {
        let widths = try modules(text)
        let quiet = 10.0
        var x = quiet
        var bars = ""
        for (index, width) in widths.enumerated() {
            let w = Double(width) * moduleWidth
            if index % 2 == 0 { bars += "<rect x=\"\(x)\" y=\"0\" width=\"\(w)\" height=\"\(height)\"/>" }
            x += w
        }
        let total = x + quiet * moduleWidth
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="\(height + 18)" viewBox="0 0 \(total) \(height + 18)">\
            <rect width="100%" height="100%" fill="#fff"/><g fill="#000">\(bars)</g>\
            <text x="\(total / 2)" y="\(height + 14)" font-family="monospace" font-size="12" text-anchor="middle">\(escaped)</text></svg>
            """
    }
}
