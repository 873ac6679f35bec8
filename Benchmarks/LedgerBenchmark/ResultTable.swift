/// A plain text table of figures: one row per measurement, with a note saying how it was taken.
struct ResultTable {
    struct Row {
        var metric: String
        var value: String
        var note: String
    }

    var title: String
    private(set) var rows: [Row] = []

    init(title: String) { self.title = title }

    mutating func add(_ metric: String, _ value: String, _ note: String = "") {
        rows.append(Row(metric: metric, value: value, note: note))
    }

    /// A separator line between groups of rows.
    mutating func section(_ name: String) { rows.append(Row(metric: "", value: "", note: name)) }

    var rendered: String {
        let w0 = max(6, rows.map(\.metric.count).max() ?? 0)
        let w1 = max(5, rows.map(\.value.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var lines = [title, String(repeating: "=", count: title.count)]
        lines.append("\(pad("metric", w0))  \(pad("value", w1))  note")
        lines.append("\(String(repeating: "-", count: w0))  \(String(repeating: "-", count: w1))  ----")
        for row in rows {
            if row.metric.isEmpty && row.value.isEmpty {
                lines.append("-- \(row.note)")
            } else {
                lines.append("\(pad(row.metric, w0))  \(pad(row.value, w1))  \(row.note)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
