import Foundation
import Testing

@testable import ScannerDriver

extension EmulatedScanners {
    @Suite("Device layer")
    struct DeviceLayer {
        @Test("enumerates both scanners with bus paths and HID interfaces, and matches only them")
        func enumerateAndMatch() throws {
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
                try Scanners.addPOS(emulator)
                try emulator.add(.bootMouse, vendor: 0x046D, product: 0xC077, ports: "4", address: 7)
                try emulator.add(.vendorSerial, vendor: 0x1EAB, product: 0x1306, ports: "1.4", address: 8)
            }) { _, context in
                let devices = try context.devices()
                #expect(Set(devices.map(\.busPath)) == ["usb1", "1-1", "1-1.2", "1-1.3", "1-1.4", "1-4"])
                let wedge = try #require(devices.first { $0.busPath == Scanners.wedgePath })
                #expect(wedge.vidPid == "0c2e:0b61")
                #expect(wedge.address == 5)
                #expect(wedge.portNumbers == [1, 2])
                #expect(
                    wedge.hidInterfaces == [
                        HIDInterfaceInfo(
                            number: 0, subclass: 1, protocolCode: 1,
                            inEndpoint: .init(address: 0x81, maxPacketSize: 8, interval: 1), reportDescriptorLength: 63)
                    ])
                let pos = try #require(devices.first { $0.busPath == Scanners.posPath })
                #expect(pos.vidPid == "0483:5750")
                let posInterface = try #require(pos.hidInterfaces.first)
                #expect(posInterface.subclass == 0 && posInterface.protocolCode == 0)
                #expect(posInterface.inEndpoint == .init(address: 0x81, maxPacketSize: 64, interval: 1))
                #expect(posInterface.outEndpoint == .init(address: 0x02, maxPacketSize: 64, interval: 1))
                #expect(devices.first { $0.busPath == "1-1.4" }?.hidInterfaces == [])
                #expect(devices.first { $0.busPath == "1-4" }?.hidInterfaces.first?.isBootMouse == true)

                let matcher = ScannerMatcher(table: try ScannerTable.load(from: TestPaths.scannerTable))
                var decisions: [String: ScannerMatchReason] = [:]
                for device in devices {
                    let candidates = matcher.candidates(for: device)
                    guard !candidates.isEmpty else { continue }
                    let handle = try context.open(device)
                    defer { handle.close() }
                    var descriptors: [UInt8: [UInt8]] = [:]
                    for interface in candidates {
                        try handle.claim(interface: interface.number)
                        descriptors[interface.number] = try handle.reportDescriptor(interface: interface)
                    }
                    if let match = matcher.match(device, reportDescriptors: descriptors) {
                        decisions[device.busPath] = match.reason
                    }
                }
                #expect(decisions == [Scanners.wedgePath: .listed, Scanners.posPath: .hidPOSUsagePage])
            }
        }

        @Test("open, claim (kernel driver detached), report descriptor, read with timeout, output report, release")
        func handleLifecycle() throws {
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
            }) { emulator, context in
                let wedgeDevice = Emulator.Device(id: 0)
                let info = try #require(try context.devices().first { $0.busPath == Scanners.wedgePath })
                let interface = try #require(info.hidInterfaces.first)
                let endpoint = try #require(interface.inEndpoint)
                let handle = try context.open(info)
                defer { handle.close() }
                #expect(try handle.kernelDriverActive(interface: 0))
                #expect(emulator.kernelDriverBound(wedgeDevice))
                // Linux refuses an interface request while usbhid holds the interface.
                #expect(throws: USBError.self) { try handle.reportDescriptor(interface: interface) }

                try handle.claim(interface: 0)
                #expect(!emulator.kernelDriverBound(wedgeDevice))
                #expect(emulator.interfaceClaimed(wedgeDevice))
                let descriptor = HIDReportDescriptor(try handle.reportDescriptor(interface: interface))
                #expect(descriptor.bytes.count == 63)
                #expect(descriptor.usagePages == [0x01, 0x07, 0x08])
                #expect(try handle.string(index: 2) == "Emulated scanner")

                #expect(try handle.readInterrupt(endpoint: endpoint, timeout: .milliseconds(20)) == nil)
                let press: [UInt8] = [0x02, 0, 0x04, 0, 0, 0, 0, 0]  // Shift+A
                try emulator.queue(press, on: wedgeDevice)
                #expect(try handle.readInterrupt(endpoint: endpoint, timeout: .seconds(5)) == press)

                // No OUT endpoint: the LED report goes as SET_REPORT, without a report ID.
                try handle.sendOutputReport([0x02], reportID: 0, interface: interface)
                #expect(emulator.lastOutputReport(wedgeDevice) == ([0x02], 1))

                try handle.release(interface: 0)
                #expect(emulator.kernelDriverBound(wedgeDevice))
                #expect(!emulator.interfaceClaimed(wedgeDevice))
            }
        }

        @Test("a real keyboard-wedge report descriptor (Datalogic GD4400) is read back byte for byte")
        func realDescriptor() throws {
            let captured = try #require(try HIDCaptures.load().keyboard_wedge_report_descriptors.first).bytes
            try withBench({ emulator in
                try Scanners.addWedge(emulator, reportDescriptor: captured)
            }) { _, context in
                let info = try #require(try context.devices().first { $0.busPath == Scanners.wedgePath })
                let interface = try #require(info.hidInterfaces.first)
                #expect(interface.reportDescriptorLength == 65)
                let handle = try context.open(info)
                defer { handle.close() }
                try handle.claim(interface: 0)
                #expect(try handle.reportDescriptor(interface: interface) == captured)
            }
        }

        @Test("HID POS output report with report ID 4 goes out on the interrupt OUT endpoint")
        func posOutputReport() throws {
            try withBench({ emulator in
                try Scanners.addPOS(emulator)
            }) { emulator, context in
                let info = try #require(try context.devices().first { $0.busPath == Scanners.posPath })
                let interface = try #require(info.hidInterfaces.first)
                let handle = try context.open(info)
                defer { handle.close() }
                try handle.claim(interface: 0)
                let descriptor = HIDReportDescriptor(try handle.reportDescriptor(interface: interface))
                #expect(descriptor.declaresBarCodeScannerPage)
                #expect(descriptor.reportIDs == [2, 4])
                try handle.sendOutputReport([0x01], reportID: 4, interface: interface)
                #expect(emulator.lastOutputReport(Emulator.Device(id: 0)) == ([0x04, 0x01], 1))
            }
        }

        @Test("failures after an unplug are USBErrors naming the call and libusb's code")
        func errorsAfterUnplug() throws {
            try withBench({ emulator in
                try Scanners.addWedge(emulator)
            }) { emulator, context in
                let info = try #require(try context.devices().first { $0.busPath == Scanners.wedgePath })
                let endpoint = try #require(info.hidInterfaces.first?.inEndpoint)
                let handle = try context.open(info)
                defer { handle.close() }
                try handle.claim(interface: 0)
                try emulator.unplug(Emulator.Device(id: 0))
                do {
                    _ = try handle.readInterrupt(endpoint: endpoint, timeout: .seconds(5))
                    Issue.record("reading an unplugged scanner succeeded")
                } catch let error as USBError {
                    #expect(error.isNoDevice)
                    #expect(error.call == "libusb_interrupt_transfer")
                    #expect(error.name == "LIBUSB_ERROR_NO_DEVICE")
                    #expect(error.device == "1-1.2 (0c2e:0b61)")
                }
                // Once libusb has seen the remove uevent, the device is gone from the list too.
                try context.handleEvents(timeout: .milliseconds(50))
                #expect(try context.devices().contains { $0.busPath == Scanners.wedgePath } == false)
                #expect(throws: USBError.self) { try context.open(info) }
                let selector = try USBDeviceSelector(parsing: "0c2e:0b61")
                do {
                    _ = try context.open(selector)
                    Issue.record("opening an absent selector succeeded")
                } catch let error as USBError {
                    #expect(error.name == "LIBUSB_ERROR_NOT_FOUND")
                    #expect(error.message.hasSuffix("no device matches 0c2e:0b61"))
                }
            }
        }
    }
}
