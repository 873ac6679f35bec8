import CLibUSB
import Foundation

/// A transfer pointer that may cross threads (libusb owns the synchronisation).
struct TransferRef: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<libusb_transfer>
}

private let transferTrampoline: libusb_transfer_cb_fn = { transfer in
    guard let transfer, let userData = transfer.pointee.user_data else { return }
    Unmanaged<OpenScanner>.fromOpaque(userData).takeUnretainedValue().completed(transfer)
}

/// One scanner being read: its handle and its ring of interrupt transfers.
///
/// Life: `startReading()` submits every transfer; each completion delivers its bytes and
/// resubmits; `close(reason:)` (or an unplug seen by a transfer) stops resubmitting and
/// cancels; when the last transfer has ended the watcher finalizes (closes) it on its queue.
/// The watcher's `scanners` list keeps the object alive while libusb holds pointers to it.
final class OpenScanner: @unchecked Sendable {
    let info: ScannerInfo
    let handle: USBDeviceHandle
    let device: DeviceRef
    let endpoint: HIDInterfaceInfo.Endpoint
    unowned let watcher: ScannerWatcher
    private let lock = NSLock()
    private var transfers: [UnsafeMutablePointer<libusb_transfer>] = []
    private var buffers: [UnsafeMutablePointer<UInt8>] = []
    private var inFlight = 0
    private var closing = false
    private var finalizeScheduled = false
    private var consecutiveErrors = 0
    private(set) var detachReason: ScannerDetachReason?

    init(
        info: ScannerInfo, handle: USBDeviceHandle, device: DeviceRef, endpoint: HIDInterfaceInfo.Endpoint,
        watcher: ScannerWatcher, transferCount: Int
    ) {
        self.info = info
        self.handle = handle
        self.device = device
        self.endpoint = endpoint
        self.watcher = watcher
        let length = Int(max(endpoint.maxPacketSize, 1))
        for _ in 0..<transferCount {
            guard let transfer = libusb_alloc_transfer(0) else { continue }
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: length)
            buffer.initialize(repeating: 0, count: length)
            transfers.append(transfer)
            buffers.append(buffer)
        }
    }

    var isClosing: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closing
    }

    /// Submits every transfer (timeout 0: an interrupt IN waits as long as the scanner is idle).
    func startReading() {
        guard let raw = try? handle.raw("libusb_submit_transfer") else { return }
        let me = Unmanaged.passUnretained(self).toOpaque()
        let length = Int32(max(endpoint.maxPacketSize, 1))
        lock.lock()
        for (transfer, buffer) in zip(transfers, buffers) {
            libusb_fill_interrupt_transfer(transfer, raw, endpoint.address, buffer, length, transferTrampoline, me, 0)
            let r = libusb_submit_transfer(transfer)
            if r == 0 {
                inFlight += 1
            } else if detachReason == nil {
                closing = true
                detachReason = r == LIBUSB_ERROR_NO_DEVICE.rawValue
                    ? .unplugged
                    : .failed(USBError(code: r, call: "libusb_submit_transfer", device: info.name))
            }
        }
        let finalizeNow = scheduleFinalizeIfDone()
        let failed = closing
        lock.unlock()
        if failed { cancelAll() }
        if finalizeNow { watcher.queue.async { [self] in watcher.finalize(self) } }
    }

    /// Stops resubmitting and cancels what is in flight.
    func close(reason: ScannerDetachReason) {
        lock.lock()
        closing = true
        if detachReason == nil { detachReason = reason }
        let finalizeNow = scheduleFinalizeIfDone()
        lock.unlock()
        cancelAll()
        if finalizeNow { watcher.queue.async { [self] in watcher.finalize(self) } }
    }

    private func cancelAll() {
        for transfer in transfers {
            _ = libusb_cancel_transfer(transfer)  // NOT_FOUND: already completed or never submitted
        }
    }

    /// Under `lock`.
    private func scheduleFinalizeIfDone() -> Bool {
        guard closing, inFlight == 0, !finalizeScheduled else { return false }
        finalizeScheduled = true
        return true
    }

    /// The completion callback, on the event thread.
    func completed(_ transfer: UnsafeMutablePointer<libusb_transfer>) {
        let status = transfer.pointee.status
        switch status {
        case LIBUSB_TRANSFER_COMPLETED:
            let count = Int(transfer.pointee.actual_length)
            if count > 0, let buffer = transfer.pointee.buffer {
                watcher.deliver(Array(UnsafeBufferPointer(start: buffer, count: count)), from: self)
            }
            lock.lock()
            consecutiveErrors = 0
            lock.unlock()
            resubmit(transfer)
        case LIBUSB_TRANSFER_TIMED_OUT:
            resubmit(transfer)
        case LIBUSB_TRANSFER_CANCELLED:
            retire(reason: nil)
        case LIBUSB_TRANSFER_NO_DEVICE:
            retire(reason: .unplugged)
        default:  // STALL, OVERFLOW, ERROR: a bus error or a halted endpoint
            lock.lock()
            consecutiveErrors += 1
            let giveUp = consecutiveErrors >= watcher.configuration.maxConsecutiveErrors
            lock.unlock()
            if giveUp {
                retire(reason: .failed(USBError(transferStatus: status, call: "interrupt transfer", device: info.name)))
            } else {
                let ref = TransferRef(pointer: transfer)
                watcher.queue.async { [self] in recover(ref.pointer, after: status) }
            }
        }
    }

    /// On the queue: clear a halted endpoint (a synchronous request) and resubmit.
    private func recover(_ transfer: UnsafeMutablePointer<libusb_transfer>, after status: libusb_transfer_status) {
        if status == LIBUSB_TRANSFER_STALL, let raw = try? handle.raw("libusb_clear_halt") {
            _ = libusb_clear_halt(raw, endpoint.address)
        }
        resubmit(transfer)
    }

    private func resubmit(_ transfer: UnsafeMutablePointer<libusb_transfer>) {
        lock.lock()
        let stop = closing
        lock.unlock()
        if stop {
            retire(reason: nil)
            return
        }
        let r = libusb_submit_transfer(transfer)
        if r != 0 {
            retire(
                reason: r == LIBUSB_ERROR_NO_DEVICE.rawValue
                    ? .unplugged : .failed(USBError(code: r, call: "libusb_submit_transfer", device: info.name)))
        }
    }

    /// A transfer has ended for good; with a reason, the whole scanner is closing.
    private func retire(reason: ScannerDetachReason?) {
        lock.lock()
        inFlight -= 1
        var cancelOthers = false
        if let reason {
            if detachReason == nil { detachReason = reason }
            cancelOthers = !closing
            closing = true
        }
        let finalizeNow = scheduleFinalizeIfDone()
        lock.unlock()
        if cancelOthers { cancelAll() }
        if finalizeNow { watcher.queue.async { [self] in watcher.finalize(self) } }
    }

    /// After finalize: every transfer has ended and the handle is closed.
    func freeTransfers() {
        lock.lock()
        let oldTransfers = transfers
        let oldBuffers = buffers
        transfers = []
        buffers = []
        lock.unlock()
        for transfer in oldTransfers { libusb_free_transfer(transfer) }
        for buffer in oldBuffers { buffer.deallocate() }
    }
}
