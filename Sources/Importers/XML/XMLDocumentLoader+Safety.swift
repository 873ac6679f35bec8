import Foundation

extension XMLDocumentLoader {
    /// Checks the raw bytes before any parser sees them.
    ///
    /// - An empty (or blank) file is refused: it is never a document, usually a failed download.
    /// - UTF-16/UTF-32 files are refused: UBL (Peppol BIS 3.0, "UTF-8 shall be used") and the
    ///   Dutch banks' camt.053 exports are UTF-8, and the DTD check below reads bytes as ASCII.
    /// - Any `<!DOCTYPE` or `<!ENTITY` (in any letter case, anywhere in the file) is refused, so no
    ///   entity is ever expanded ("billion laughs") and no external entity is ever fetched (XXE).
    ///   Neither UBL 2.1 nor ISO 20022 uses a DTD, so a legitimate file never has one.
    static func checkRawBytes(_ bytes: [UInt8], file: String) throws(ImportError) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ImportError(file: file, message: "the file is empty (\(bytes.count) bytes, no XML); check that the download or export finished")
        }
        let head = Array(bytes.prefix(4))
        let utf16 = head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE])
            || head.starts(with: [0x00, 0x3C]) || head.starts(with: [0x3C, 0x00])
        if utf16 || head.starts(with: [0x00, 0x00]) {
            throw ImportError(file: file, location: "line 1",
                              message: "the file is encoded as UTF-16 or UTF-32; save or export it as UTF-8 and import it again")
        }
        for marker in ["<!DOCTYPE", "<!ENTITY"] {
            if let offset = bytes.firstOffset(ofASCIICaseInsensitive: marker) {
                let line = 1 + bytes[..<offset].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                throw ImportError(
                    file: file, location: "line \(line)",
                    message: "the file declares a DTD/entities, which are refused (\(marker) found): invoices and bank "
                        + "statements never need one, and expanding it could exhaust memory or read other files")
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Offset of the first occurrence of an ASCII `needle`, ignoring the case of letters.
    func firstOffset(ofASCIICaseInsensitive needle: String) -> Int? {
        let pattern = Array(needle.uppercased().utf8)
        guard let first = pattern.first, count >= pattern.count else { return nil }
        func upper(_ b: UInt8) -> UInt8 { (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b }
        var i = 0
        while i <= count - pattern.count {
            if upper(self[i]) == first {
                var j = 1
                while j < pattern.count, upper(self[i + j]) == pattern[j] { j += 1 }
                if j == pattern.count { return i }
            }
            i += 1
        }
        return nil
    }
}
