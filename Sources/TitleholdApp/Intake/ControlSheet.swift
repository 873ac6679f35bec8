/// The control barcodes of an intake session (see `IntakeSession`), as text for a sheet.
public enum ControlSheet {
    public static func lines(orders: [String]) -> [String] {
        var lines = ["Titlehold intake control barcodes (Code 128):",
                     "  end the session        \(IntakeSession.controlPrefix)END",
                     "  undo the last item     \(IntakeSession.controlPrefix)UNDO"]
        for order in orders { lines.append("  switch to \(order)   \(IntakeSession.controlPrefix)ORDER:\(order)") }
        return lines
    }
}
