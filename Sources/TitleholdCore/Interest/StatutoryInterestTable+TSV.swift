/// A problem in the interest rate table: what is wrong and on which line.
public struct RateTableError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the table text, `nil` when the problem concerns the table as a whole.
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) { self.line = line; self.message = message }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

extension StatutoryInterestTable {
    /// Parses the rate table file (`Resources/rates/statutory-interest.tsv`).
    ///
    /// Tab-separated columns: `from` (YYYY-MM-DD), the art. 6:119 rate, the art. 6:119a rate (both in
    /// percent as exact decimals: `12.25`, never a float) and an optional source. Blank lines, lines
    /// starting with `#` and a header line starting with `from` are skipped. The caller reads the file.
    public init(tsv text: String) throws(RateTableError) {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().hasPrefix("from") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard fields.count >= 3 else {
                throw RateTableError(
                    line: lineNumber, message: "expected from, 6:119 rate and 6:119a rate separated by tabs, found '\(line)'")
            }
            guard let from = Day(iso: fields[0]) else {
                throw RateTableError(line: lineNumber, message: "'\(fields[0])' is not a date as YYYY-MM-DD")
            }
            guard let statutory = InterestRate(percent: fields[1]) else {
                throw RateTableError(line: lineNumber, message: "the 6:119 rate '\(fields[1])' is not a percentage like 6 or 4.5")
            }
            guard let commercial = InterestRate(percent: fields[2]) else {
                throw RateTableError(line: lineNumber, message: "the 6:119a rate '\(fields[2])' is not a percentage like 10.15")
            }
            if let previous = entries.last, previous.from >= from {
                throw RateTableError(line: lineNumber, message: "\(from) is not after the previous row's \(previous.from)")
            }
            let source = fields.dropFirst(3).joined(separator: " ")
            entries.append(Entry(from: from, statutory: statutory, commercial: commercial, source: source))
        }
        try self.init(entries: entries)
    }
}
