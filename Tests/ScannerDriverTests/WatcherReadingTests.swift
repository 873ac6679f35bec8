import Foundation
import Testing

@testable import ScannerDriver

extension EmulatedScanners {
    @Suite("Watcher: reading")
    struct WatcherReading {
        @Test("a keyboard wedge's GS1 scan arrives as its key reports, shifted keys and Ctrl+] included")
        func keyboardWedgeGS1() throws {
            // GS1 element string from the fixtures' biip example, with AIM id ]C1, GS before AI 21.
            let scan = "]C101095011010209171719050810ABCD1234\u{1D}2110\n"
            let reports = KeyboardWedge.reports(for: scan)
            #expect(reports.count == 2 * scan.count)
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
            }) { emulator, context in
                let wedge = Emulator.Device(id: 0)
                let (watcher, recorder) = try startWatcher(context)
                defer { watcher.stop() }
                #expect(recorder.waitForAttached(1))
                let info = try #require(recorder.attached().first)
                #expect(info.name == Scanners.wedgePath)
                #expect(info.match.reason == .listed)
                #expect(info.match.entry?.model == "Vuquest 3310g")
                #expect(HIDReportDescriptor(info.reportDescriptor).usagePages == [0x01, 0x07, 0x08])
                #expect(!emulator.kernelDriverBound(wedge))  // detached while the service reads

                try emulator.queue(reports, on: wedge)
                #expect(recorder.waitForReports(reports.count))
                let received = recorder.reports()
                #expect(received.map(\.bytes) == reports)
                #expect(received.map(\.sequence) == Array(0..<UInt64(reports.count)))
                #expect(received.allSatisfy { $0.scanner == Scanners.wedgePath })
                #expect(zip(received, received.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
                // ']' is usage 0x30 alone; GS is the same key with left Ctrl; 'A' is Shift + 0x04.
                #expect(received[0].bytes == [0x00, 0, 0x30, 0, 0, 0, 0, 0])
                let gs = 2 * Array(scan).firstIndex(of: "\u{1D}")!
                #expect(received[gs].bytes == [0x01, 0, 0x30, 0, 0, 0, 0, 0])
                let a = 2 * Array(scan).firstIndex(of: "A")!
                #expect(received[a].bytes == [0x02, 0, 0x04, 0, 0, 0, 0, 0])
                #expect(received[a + 1].bytes == KeyboardWedge.release)
                #expect(emulator.sent(wedge) == UInt64(reports.count))

                watcher.stop()
                #expect(emulator.kernelDriverBound(wedge))  // handed back to the kernel driver
                #expect(!emulator.interfaceClaimed(wedge))
                #expect(recorder.detached().map(\.reason) == [.stopped])
            }
        }

        @Test("a HID POS scan split over two reports, and the real Voyager 1602g reports, arrive as sent")
        func hidPOSReports() throws {
            let data = Array("010950110102091717190508\u{1D}10ABCD1234\u{1D}21SERIAL-000042-WXYZ12".utf8)
            try #require(data.count == 58)
            let pair = HIDPOSReports.reports(aim: "]d2", data: data, codeID: 0x77)
            try #require(pair.count == 2)
            #expect(pair[0][1] == 56 && pair[0][63] == 1)
            #expect(pair[1][1] == 2 && pair[1][63] == 0)
            let voyager = try #require(try HIDCaptures.load().hid_pos_input_reports.first).reports
            #expect(voyager.count == 7)
            try withBench({ emulator in
                try Scanners.addPOS(emulator)
            }) { emulator, context in
                let pos = Emulator.Device(id: 0)
                let (watcher, recorder) = try startWatcher(context)
                defer { watcher.stop() }
                watcher.waitUntilSettled()
                let info = try #require(recorder.attached().first)
                #expect(info.match.reason == .hidPOSUsagePage)
                #expect(info.match.entry == nil)
                #expect(HIDReportDescriptor(info.reportDescriptor).declaresBarCodeScannerPage)

                try emulator.queue(pair + voyager, on: pos)
                #expect(recorder.waitForReports(pair.count + voyager.count))
                #expect(recorder.reports().map(\.bytes) == pair + voyager)

                try watcher.sendOutputReport([0x01], reportID: 4, to: Scanners.posPath)
                #expect(emulator.lastOutputReport(pos) == ([0x04, 0x01], 1))
                #expect(throws: USBError.self) { try watcher.sendOutputReport([1], reportID: 4, to: "9-9") }
            }
        }

        @Test("garbage and truncated reports are delivered as they came; an empty transfer is no report")
        func garbageAndTruncated() throws {
            let wedgeReports: [[UInt8]] = [
                [0x02, 0x00, 0x04],  // truncated boot report
                [UInt8](repeating: 0xFF, count: 8),  // garbage
                [],  // zero-length packet
                [0x00, 0x00, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23],  // six keys at once (rollover)
            ]
            let posReports: [[UInt8]] = [
                [0x7F, 1, 2, 3],  // unknown report ID, truncated
                [0x02, 200] + [UInt8](repeating: 0xAA, count: 62),  // length byte beyond the layout
                [UInt8](repeating: 0, count: 64),
            ]
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
                try Scanners.addPOS(emulator)
            }) { emulator, context in
                let (watcher, recorder) = try startWatcher(context)
                defer { watcher.stop() }
                watcher.waitUntilSettled()
                #expect(watcher.openScanners.count == 2)
                try emulator.queue(wedgeReports, on: Emulator.Device(id: 0))
                try emulator.queue(posReports, on: Emulator.Device(id: 1))
                #expect(recorder.waitForReports(3, from: Scanners.wedgePath))
                #expect(recorder.waitForReports(3, from: Scanners.posPath))
                watcher.waitUntilSettled()
                #expect(recorder.reports(from: Scanners.wedgePath).map(\.bytes) == wedgeReports.filter { !$0.isEmpty })
                #expect(recorder.reports(from: Scanners.posPath).map(\.bytes) == posReports)
                #expect(emulator.sent(Emulator.Device(id: 0)) == 4)  // the empty one was sent too
            }
        }

        @Test("the events also come as an AsyncStream, which finishes when the watcher stops")
        func asyncStream() async throws {
            let emulator = try Emulator()
            defer { emulator.free() }
            try Scanners.addWedge(emulator)
            let context = try USBContext()
            defer { context.close() }
            let table = try ScannerTable.load(from: TestPaths.scannerTable)
            let (watcher, events) = ScannerWatcher.stream(context: context, matcher: ScannerMatcher(table: table))
            try watcher.start()
            let reports = KeyboardWedge.reports(for: "Ab1")
            try emulator.queue(reports, on: Emulator.Device(id: 0))
            // Only so that a broken driver fails instead of hanging: stop after 30 s regardless.
            let safety = Task {
                try await Task.sleep(for: .seconds(30))
                watcher.stop()
            }
            defer { safety.cancel() }
            var seen: [ScannerEvent] = []
            for await event in events {
                seen.append(event)
                if seen.filter({ if case .report = $0 { true } else { false } }).count == reports.count {
                    watcher.stop()  // finishes the stream after the detached event
                }
            }
            guard case .attached(let info) = seen.first else {
                Issue.record("the first event is not the attach: \(seen.first.map { "\($0)" } ?? "none")")
                return
            }
            #expect(info.name == Scanners.wedgePath)
            let received = seen.compactMap { if case .report(let r) = $0 { r.bytes } else { nil } }
            #expect(received == reports)
            #expect(seen.last == .detached(name: Scanners.wedgePath, reason: .stopped))
        }

        @Test("with a VID:PID selector only that device is opened")
        func selectorOnly() throws {
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
                try Scanners.addPOS(emulator)
            }) { _, context in
                let table = try ScannerTable.load(from: TestPaths.scannerTable)
                let selector = try USBDeviceSelector(parsing: "0483:5750")
                let (watcher, recorder) = try startWatcher(
                    context, matcher: ScannerMatcher(table: table, selectors: [selector]))
                defer { watcher.stop() }
                watcher.waitUntilSettled()
                #expect(recorder.attached().map(\.name) == [Scanners.posPath])
                #expect(recorder.attached().first?.match.reason == .selector(selector))
            }
        }
    }
}
