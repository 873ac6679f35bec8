import Barcode

/// The control barcodes of an intake session (see `IntakeSession`), to print once and keep with
/// the scanner: as text, and as an HTML page with each drawn as Code 128.
public enum ControlSheet {
    public struct Entry: Sendable, Equatable {
        public var label: String
        public var content: String
    }

    public static func entries(orders: [String]) -> [Entry] {
        var list = [Entry(label: "End the session", content: "\(IntakeSession.controlPrefix)END"),
                    Entry(label: "Undo the last item", content: "\(IntakeSession.controlPrefix)UNDO")]
        for order in orders {
            list.append(Entry(label: "Switch to \(order)", content: "\(IntakeSession.controlPrefix)ORDER:\(order)"))
        }
        return list
    }

    public static func text(orders: [String]) -> String {
        (["Titlehold intake control barcodes (Code 128):"]
            + entries(orders: orders).map { "  \($0.label.padding(toLength: 28, withPad: " ", startingAt: 0)) \($0.content)" })
            .joined(separator: "\n")
    }

    /// A printable page; an order number that Code 128 set B cannot carry is an error naming it.
    public static func html(orders: [String]) throws -> String {
        var blocks = ""
        for entry in entries(orders: orders) {
            let svg = try Code128.svg(entry.content)
            blocks += "<figure>\(svg)<figcaption>\(escape(entry.label))</figcaption></figure>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Titlehold intake control barcodes</title>
            <style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;margin:1em 2em 1em 0;text-align:center}
            figcaption{margin-top:.3em;font-weight:bold}@media print{figure{break-inside:avoid}}</style></head>
            <body><h1>Intake control barcodes</h1>
            <p>Scan these with the delivery scanner. Every other barcode is read as a product or a serial.</p>
            \(blocks)</body></html>
            """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
