import Testing
import TitleholdApp

/// The intake session's decisions, scan by scan (no I/O).
@Suite struct IntakeSessionTests {
    @Test func productThenSerialIsOneItem() {
        var s = IntakeSession(agreement: "ORD-1")
        #expect(s.handle("]E05901234123457") == .awaitSerial(gtin: "05901234123457", replaced: nil))
        #expect(s.handle("]A0SN1") == .deliver(serial: "SN1", gtin: "05901234123457", raw: "]A0SN1", agreement: "ORD-1"))
        // The product does not carry over to the next serial.
        #expect(s.handle("]A0SN2") == .deliver(serial: "SN2", gtin: nil, raw: "]A0SN2", agreement: "ORD-1"))
    }

    @Test(arguments: [
        ("]C1010950110153000321ABC123\u{1D}", "ABC123", "09501101530003"),
        ("[)>\u{1E}06\u{1D}SPF4XK2L3\u{1D}1P20HRCTO1WW\u{1E}\u{04}", "PF4XK2L3", nil as String?),
    ])
    func oneBarcodeWithBothIsOneItem(scan: String, serial: String, gtin: String?) {
        var s = IntakeSession(agreement: "A")
        guard case .deliver(let got, let gotGTIN, _, _) = s.handle(scan) else {
            Issue.record("\(scan.debugDescription) was not delivered"); return
        }
        #expect(got == serial)
        #expect(gotGTIN == gtin)
    }

    @Test func aSecondProductReplacesAPendingOne() {
        var s = IntakeSession(agreement: "A")
        _ = s.handle("]E05901234123457")
        #expect(s.handle("]E04006381333931") == .awaitSerial(gtin: "04006381333931", replaced: "05901234123457"))
    }

    @Test(arguments: [
        ("TH:ORDER:ORD-9", IntakeSession.Action.switchAgreement("ORD-9")),
        ("]C0TH:UNDO", .undo),
        ("th:end", .end),
    ])
    func controlBarcodes(scan: String, action: IntakeSession.Action) {
        var s = IntakeSession(agreement: "A")
        #expect(s.handle(scan) == action)
    }

    @Test func switchingTheOrderAppliesToTheNextItems() {
        var s = IntakeSession(agreement: "A")
        _ = s.handle("TH:ORDER:B")
        #expect(s.handle("]A0X") == .deliver(serial: "X", gtin: nil, raw: "]A0X", agreement: "B"))
    }

    @Test(arguments: ["", "]E05901234123458", "TH:ORDER:"])
    func unusableScansAreRejectedWithAReason(scan: String) {
        var s = IntakeSession(agreement: "A")
        guard case .reject(let reason) = s.handle(scan) else { Issue.record("\(scan) was accepted"); return }
        #expect(!reason.isEmpty)
    }
}
