import Foundation

/// A small vertical bar chart drawn as SVG on the server (issue 6, The pages: "a small chart where
/// a picture says more than a table"). No script, no external resources: the SVG is inlined in a
/// page with `{{{ }}}` or served on its own as `image/svg+xml`.
///
/// Accessibility (WAI-ARIA graphics, SVG 1.1 §5.4): the root has `role="img"` and is labelled by its
/// `<title>` and described by its `<desc>`, which lists every bar's label and value in words, so a
/// screen reader reads the same numbers a sighted person sees. All text is XML-escaped.
public struct BarChart: Sendable {
    /// One bar: its axis label, its value (in the chart's unit, e.g. cents) and the value as a person reads it.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int64
        public var display: String

        public init(label: String, value: Int64, display: String) {
            self.label = label; self.value = value; self.display = display
        }
    }

    public var title: String
    public var description: String
    /// The label of the horizontal axis (what the bars are) and of the vertical one (their unit).
    public var xAxisLabel: String
    public var yAxisLabel: String
    public var bars: [Bar]
    /// How a tick value on the vertical axis is written (e.g. whole euros for cents).
    public var tickFormat: @Sendable (Int64) -> String

    public init(title: String, description: String, xAxisLabel: String, yAxisLabel: String, bars: [Bar],
                tickFormat: @escaping @Sendable (Int64) -> String = { String($0) }) {
        self.title = title; self.description = description; self.xAxisLabel = xAxisLabel; self.yAxisLabel = yAxisLabel
        self.bars = bars; self.tickFormat = tickFormat
    }

    // Geometry, in SVG user units.
    static let width = 640.0, height = 280.0
    static let left = 86.0, right = 16.0, top = 34.0, bottom = 58.0

    /// The chart as a standalone SVG document fragment (`<svg …>…</svg>`), `id` unique in the page.
    public func svg(id: String = "chart") -> String {
        let w = Self.width, h = Self.height
        let plotW = w - Self.left - Self.right, plotH = h - Self.top - Self.bottom
        let scaleMax = Self.niceMaximum(bars.map(\.value).max() ?? 0)
        let ticks = Self.ticks(upTo: scaleMax)
        let slot = bars.isEmpty ? plotW : plotW / Double(bars.count)
        let barW = slot * 0.64
        let baseY = Self.top + plotH
        let safeID = id.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        var out: [String] = []
        out.append(##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Self.n(w)) \##(Self.n(h))" width="\##(Self.n(w))" height="\##(Self.n(h))" role="img" aria-labelledby="\##(safeID)-title \##(safeID)-desc" font-family="system-ui, sans-serif" font-size="12">"##)
        out.append(##"<title id="\##(safeID)-title">\##(Self.escape(title))</title>"##)
        out.append(##"<desc id="\##(safeID)-desc">\##(Self.escape(fullDescription))</desc>"##)
        out.append(##"<text x="\##(Self.n(w / 2))" y="20" text-anchor="middle" font-size="15" font-weight="bold">\##(Self.escape(title))</text>"##)
        // Grid lines and tick labels.
        for tick in ticks {
            let y = baseY - (scaleMax == 0 ? 0 : Double(tick) / Double(scaleMax) * plotH)
            out.append(##"<line x1="\##(Self.n(Self.left))" y1="\##(Self.n(y))" x2="\##(Self.n(w - Self.right))" y2="\##(Self.n(y))" stroke="#ddd"/>"##)
            out.append(##"<text x="\##(Self.n(Self.left - 6))" y="\##(Self.n(y + 4))" text-anchor="end" fill="#444">\##(Self.escape(tickFormat(tick)))</text>"##)
        }
        // Axes.
        out.append(##"<line x1="\##(Self.n(Self.left))" y1="\##(Self.n(Self.top))" x2="\##(Self.n(Self.left))" y2="\##(Self.n(baseY))" stroke="#333"/>"##)
        out.append(##"<line x1="\##(Self.n(Self.left))" y1="\##(Self.n(baseY))" x2="\##(Self.n(w - Self.right))" y2="\##(Self.n(baseY))" stroke="#333"/>"##)
        // Bars, each with its value above and its label below.
        for (index, bar) in bars.enumerated() {
            let x = Self.left + slot * Double(index) + (slot - barW) / 2
            let barH = scaleMax == 0 ? 0 : Double(max(bar.value, 0)) / Double(scaleMax) * plotH
            let y = baseY - barH
            let centre = x + barW / 2
            out.append(##"<g class="bar" data-label="\##(Self.escape(bar.label))" data-value="\##(bar.value)">"##)
            out.append(##"<rect x="\##(Self.n(x))" y="\##(Self.n(y))" width="\##(Self.n(barW))" height="\##(Self.n(barH))" fill="#2f6f9f"><title>\##(Self.escape("\(bar.label): \(bar.display)"))</title></rect>"##)
            out.append(##"<text x="\##(Self.n(centre))" y="\##(Self.n(y - 4))" text-anchor="middle" fill="#111">\##(Self.escape(bar.display))</text>"##)
            // Narrow bars put the label's second word ("'27" of "Feb '27") on a line of its own.
            let lines = slot < 60 ? bar.label.split(separator: " ", maxSplits: 1).map(String.init) : [bar.label]
            let spans = lines.enumerated().map { index, line in
                ##"<tspan x="\##(Self.n(centre))" dy="\##(index == 0 ? "0" : "1.1em")">\##(Self.escape(line))</tspan>"##
            }.joined()
            out.append(##"<text x="\##(Self.n(centre))" y="\##(Self.n(baseY + 16))" text-anchor="middle" fill="#333">\##(spans)</text>"##)
            out.append("</g>")
        }
        out.append(##"<text x="\##(Self.n(Self.left + plotW / 2))" y="\##(Self.n(h - 10))" text-anchor="middle" fill="#333">\##(Self.escape(xAxisLabel))</text>"##)
        out.append(##"<text transform="translate(14 \##(Self.n(Self.top + plotH / 2))) rotate(-90)" text-anchor="middle" fill="#333">\##(Self.escape(yAxisLabel))</text>"##)
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// The description followed by every bar in words ("0–30 days: EUR 1,234.00; …").
    public var fullDescription: String {
        let values = bars.map { "\($0.label): \($0.display)" }.joined(separator: "; ")
        return description.isEmpty ? values : "\(description) \(values)."
    }

    /// The smallest "round" number (1, 2 or 5 times a power of ten) at or above `value`; 0 stays 0.
    static func niceMaximum(_ value: Int64) -> Int64 {
        guard value > 0 else { return 0 }
        var power: Int64 = 1
        while power <= value / 10 { power *= 10 }
        for step: Int64 in [1, 2, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    /// Ticks from 0 to `maximum` at a round step (1, 2 or 5 times a power of ten, at least 1), about
    /// four of them; only 0 when the maximum is 0.
    static func ticks(upTo maximum: Int64) -> [Int64] {
        guard maximum > 0 else { return [0] }
        let raw = max(1, maximum / 4)
        var power: Int64 = 1
        while power <= raw / 10 { power *= 10 }
        let step = [5, 2, 1].map { $0 * power }.first { $0 <= raw } ?? power
        return Array(stride(from: Int64(0), through: maximum, by: Int(step)))
    }

    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// XML character escaping for text and attribute values (XML 1.0 §2.4).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
