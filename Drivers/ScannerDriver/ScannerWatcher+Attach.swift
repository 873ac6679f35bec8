import CLibUSB
import Foundation

extension ScannerWatcher {
    /// On the queue: decide whether the device is a scanner; if so open, claim, read the report
    /// descriptor and start reading.
    func deviceArrived(_ device: DeviceRef) {
        state.lock()
        let isRunning = running
        let known = scanners.contains { $0.device.pointer == device.pointer }
        state.unlock()
        guard isRunning, !known, let info = try? USBDeviceInfo(device: device.pointer) else { return }
        let candidates = matcher.candidates(for: info)
        guard !candidates.isEmpty else { return }

        state.lock()
        let previousStillClosing = scanners.contains { $0.info.name == info.busPath }
        if previousStillClosing {  // the same port's last scanner has not finished closing
            libusb_ref_device(device.pointer)
            deferredArrivals[info.busPath, default: []].append(device)
        }
        state.unlock()
        if previousStillClosing { return }

        let handle: USBDeviceHandle
        do {
            handle = try USBDeviceHandle(device: device.pointer, context: context)
        } catch {
            if matcher.match(info, reportDescriptors: [:]) != nil {
                emit(.failed(name: info.busPath, error: error))
            }
            return
        }
        var descriptors: [UInt8: [UInt8]] = [:]
        var claimErrors: [UInt8: USBError] = [:]
        for interface in candidates {
            do {
                try handle.claim(interface: interface.number)
                descriptors[interface.number] = try handle.reportDescriptor(interface: interface)
            } catch {
                claimErrors[interface.number] = error
            }
        }
        guard let match = matcher.match(info, reportDescriptors: descriptors) else {
            handle.close()
            return
        }
        if let error = claimErrors[match.interface.number] {
            handle.close()
            emit(.failed(name: info.busPath, error: error))
            return
        }
        for interface in candidates where interface.number != match.interface.number {
            try? handle.release(interface: interface.number)
        }
        let scannerInfo = ScannerInfo(
            name: info.busPath, device: info, match: match,
            reportDescriptor: descriptors[match.interface.number] ?? [])
        guard let endpoint = match.interface.inEndpoint else {
            handle.close()
            return
        }
        libusb_ref_device(device.pointer)
        let scanner = OpenScanner(
            info: scannerInfo, handle: handle, device: device, endpoint: endpoint, watcher: self,
            transferCount: configuration.transfersInFlight)
        state.lock()
        scanners.append(scanner)
        state.unlock()
        emit(.attached(scannerInfo))
        scanner.startReading()
    }

    /// On the queue: the device left; its transfers end (or are cancelled) and it is closed.
    func deviceLeft(_ device: DeviceRef) {
        state.lock()
        let scanner = scanners.first { $0.device.pointer == device.pointer }
        state.unlock()
        scanner?.close(reason: .unplugged)
    }

    /// On the queue, once no transfer of the scanner is in flight: release, close, report.
    func finalize(_ scanner: OpenScanner) {
        scanner.handle.close()
        scanner.freeTransfers()
        libusb_unref_device(scanner.device.pointer)
        let name = scanner.info.name
        state.lock()
        scanners.removeAll { $0 === scanner }
        let waiting = deferredArrivals.removeValue(forKey: name) ?? []
        state.broadcast()
        state.unlock()
        emit(.detached(name: name, reason: scanner.detachReason ?? .stopped))
        for device in waiting {
            deviceArrived(device)
            libusb_unref_device(device.pointer)
        }
    }
}
