import Foundation

/// A `supplier.conf` that cannot be used, with the file and line to fix.
public struct SupplierProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or a label for text not read from a file).
    public var source: String
    /// The 1-based line at fault; `nil` when something is missing from the whole file.
    public var line: Int?
    public var message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(source), line \(line): \(message)" }
        return "\(source): \(message)"
    }
}

extension SupplierProfile {
    /// The keys of `supplier.conf`; the first group is required.
    public static let requiredKeys = ["name", "address", "postcode", "city", "kvk", "iban", "email", "signatory"]
    public static let optionalKeys = ["vat", "bic", "phone", "website", "signatory_role"]

    /// Reads `supplier.conf`.
    public init(contentsOf url: URL) throws(SupplierProfileError) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SupplierProfileError(source: url.path, line: nil, message: "cannot read the file (missing or not UTF-8)")
        }
        try self.init(parsing: text, source: url.path)
    }

    /// Parses `key = value` lines. Blank lines and lines starting with `#` are skipped; a `#` inside a
    /// value is part of it ("Keizersgracht 1 #2"). Unknown keys, repeated keys, a line without `=`, an
    /// empty required value, a KvK number that is not 8 digits and an IBAN whose check fails are
    /// errors naming their line, so a typo never reaches a letter.
    public init(parsing text: String, source: String = "supplier.conf") throws(SupplierProfileError) {
        var values: [String: String] = [:]
        var lineOf: [String: Int] = [:]
        let known = Set(Self.requiredKeys + Self.optionalKeys)
        // A byte-order mark (left by some Windows editors) is not part of the first line; "\r\n" is one
        // Character in Swift, so lines are split on any newline, not on "\n".
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (index, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw SupplierProfileError(source: source, line: number, message: "expected `key = value`, found '\(line)'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard known.contains(key) else {
                throw SupplierProfileError(
                    source: source, line: number,
                    message: "unknown key '\(key)'; the keys are \((Self.requiredKeys + Self.optionalKeys).joined(separator: ", "))")
            }
            if let first = lineOf[key] {
                throw SupplierProfileError(source: source, line: number, message: "'\(key)' is already set on line \(first)")
            }
            if value.isEmpty, Self.requiredKeys.contains(key) {
                throw SupplierProfileError(source: source, line: number, message: "'\(key)' must not be empty")
            }
            try Self.check(key: key, value: value, source: source, line: number)
            lineOf[key] = number
            if !value.isEmpty { values[key] = value }
        }
        for key in Self.requiredKeys where values[key] == nil {
            throw SupplierProfileError(source: source, line: nil, message: "the required key '\(key)' is missing")
        }
        func required(_ key: String) -> String { values[key] ?? "" }
        self.init(
            name: required("name"), address: required("address"), postcode: required("postcode"), city: required("city"),
            kvkNumber: required("kvk"), vatNumber: values["vat"], iban: required("iban"), bic: values["bic"],
            phone: values["phone"], email: required("email"), website: values["website"],
            signatory: required("signatory"), signatoryRole: values["signatory_role"])
    }

    private static func check(key: String, value: String, source: String, line: Int) throws(SupplierProfileError) {
        switch key {
        case "kvk":
            guard value.count == 8, value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw SupplierProfileError(source: source, line: line, message: "a KvK number has 8 digits, found '\(value)'")
            }
        case "iban":
            guard isValidIBAN(value) else {
                throw SupplierProfileError(
                    source: source, line: line, message: "'\(value)' is not a valid IBAN (the ISO 13616 check fails)")
            }
        case "email":
            guard value.contains("@"), !value.contains(" ") else {
                throw SupplierProfileError(source: source, line: line, message: "'\(value)' is not an e-mail address")
            }
        default:
            break
        }
    }
}
