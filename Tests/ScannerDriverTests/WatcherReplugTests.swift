import Foundation
import Testing

@testable import ScannerDriver

extension EmulatedScanners {
    @Suite("Watcher: replug and several scanners")
    struct WatcherReplug {
        @Test("unplugged and plugged back in mid-stream: picked up again, no report lost or doubled")
        func replugMidStream() throws {
            let first = (0..<100).map(HIDPOSReports.numbered)
            let rest = (100..<300).map(HIDPOSReports.numbered)
            try withBench({ emulator in
                try Scanners.addPOS(emulator)
            }) { emulator, context in
                let pos = Emulator.Device(id: 0)
                let (watcher, recorder) = try startWatcher(context)
                defer { watcher.stop() }
                watcher.waitUntilSettled()
                #expect(recorder.attached().count == 1)
                try emulator.queue(first, on: pos)
                #expect(recorder.waitForReports(100))

                // The rest becomes ready one per millisecond; the plug is pulled right away, so
                // most of it is still in the scanner when the URBs in flight end with ESHUTDOWN.
                try emulator.queuePaced(rest, on: pos, intervalMicroseconds: 1000, fifoDepth: 0)
                try emulator.unplug(pos)
                let pendingAtUnplug = emulator.pending(pos)
                #expect(pendingAtUnplug > 0)
                #expect(recorder.wait { events in events.contains { $0 == .detached(name: Scanners.posPath, reason: .unplugged) } })
                let beforeReplug = recorder.reports().count
                // Exactly once: every report the scanner handed over before the unplug arrived.
                #expect(UInt64(beforeReplug) == emulator.sent(pos))
                #expect(beforeReplug + pendingAtUnplug == 300)

                let newAddress = try emulator.replug(pos)
                #expect(newAddress != 6)
                #expect(recorder.waitForAttached(2))
                let again = try #require(recorder.attached().last)
                #expect(again.name == Scanners.posPath)
                #expect(again.device.address == newAddress)
                #expect(recorder.waitForReports(300))
                watcher.waitUntilSettled()

                let received = recorder.reports()
                #expect(received.count == 300)
                #expect(received.compactMap { HIDPOSReports.number(in: $0.bytes) } == Array(0..<300))
                #expect(received.map(\.sequence) == Array(0..<300))
                #expect(emulator.sent(pos) == 300)
                #expect(emulator.pending(pos) == 0)
                let order = recorder.events.compactMap { event -> String? in
                    switch event {
                    case .attached: "attached"
                    case .detached: "detached"
                    default: nil
                    }
                }
                #expect(order == ["attached", "detached", "attached"])
            }
        }

        @Test("replugged several times in a row, still every report exactly once")
        func repeatedReplug() throws {
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
            }) { emulator, context in
                let wedge = Emulator.Device(id: 0)
                let (watcher, recorder) = try startWatcher(context)
                defer { watcher.stop() }
                watcher.waitUntilSettled()
                var expected: [[UInt8]] = []
                for round in 1...5 {
                    let reports = KeyboardWedge.reports(for: "R\(round)")
                    expected += reports
                    try emulator.queue(reports, on: wedge)
                    #expect(recorder.waitForReports(expected.count))
                    try emulator.unplug(wedge)
                    #expect(recorder.waitForDetached(round))
                    try emulator.replug(wedge)
                    #expect(recorder.waitForAttached(round + 1))
                }
                #expect(recorder.reports().map(\.bytes) == expected)
                #expect(recorder.reports().map(\.sequence) == Array(0..<UInt64(expected.count)))
                #expect(recorder.detached().allSatisfy { $0.reason == .unplugged })
            }
        }

        @Test("two scanners at once, one plugged in after start, each named by its port")
        func twoScanners() throws {
            let text = "Abc-123/XY\n"
            let wedgeReports = KeyboardWedge.reports(for: text)
            let posReports = (0..<40).map(HIDPOSReports.numbered)
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
            }) { emulator, context in
                let (watcher, recorder) = try startWatcher(context)
                defer { watcher.stop() }
                watcher.waitUntilSettled()
                #expect(recorder.attached().map(\.name) == [Scanners.wedgePath])
                let pos = try Scanners.addPOS(emulator)  // hotplug arrival
                #expect(recorder.waitForAttached(2))
                #expect(Set(watcher.openScanners.map(\.name)) == [Scanners.wedgePath, Scanners.posPath])

                // Both stream at the same time.
                try emulator.queuePaced(wedgeReports, on: Emulator.Device(id: 0), intervalMicroseconds: 700, fifoDepth: 0)
                try emulator.queuePaced(posReports, on: pos, intervalMicroseconds: 500, fifoDepth: 0)
                #expect(recorder.waitForReports(wedgeReports.count, from: Scanners.wedgePath))
                #expect(recorder.waitForReports(posReports.count, from: Scanners.posPath))
                #expect(recorder.reports(from: Scanners.wedgePath).map(\.bytes) == wedgeReports)
                #expect(recorder.reports(from: Scanners.posPath).map(\.bytes) == posReports)
                #expect(recorder.reports(from: Scanners.posPath).map(\.sequence) == Array(0..<40))
                let names = recorder.reports().map(\.scanner)
                #expect(Set(names) == [Scanners.wedgePath, Scanners.posPath])
            }
        }
    }
}
