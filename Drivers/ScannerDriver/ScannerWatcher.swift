import CLibUSB
import Foundation

/// Keeps every matching scanner open and reads it, delivering raw reports through a handler
/// or an `AsyncStream`; picks scanners up as they are plugged in and again after a replug,
/// without a restart. Scanners are named by bus path (`1-1.2`), which survives a replug.
///
/// Reading: each scanner has `transfersInFlight` asynchronous interrupt transfers submitted at
/// once (libusb async API), each resubmitted from its completion callback. With several URBs
/// queued the host controller keeps polling the endpoint every interval even while one
/// completion is being handled, so a scanner sending a report per millisecond never waits for
/// the host (one synchronous read at a time leaves a gap after every report). Callbacks run
/// in order on the single event thread, so reports keep their order; each completed transfer
/// is delivered exactly once, and a transfer ended by an unplug carries no data, so nothing is
/// doubled or lost across a replug.
public final class ScannerWatcher: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Interrupt transfers kept submitted per scanner.
        public var transfersInFlight: Int
        /// Failed transfers in a row (stall, bus error) before a scanner is given up.
        public var maxConsecutiveErrors: Int

        public init(transfersInFlight: Int = 8, maxConsecutiveErrors: Int = 10) {
            self.transfersInFlight = max(1, transfersInFlight)
            self.maxConsecutiveErrors = max(1, maxConsecutiveErrors)
        }
    }

    let context: USBContext
    let matcher: ScannerMatcher
    let configuration: Configuration
    let emit: @Sendable (ScannerEvent) -> Void
    /// Opening, claiming and closing run here, never on the event thread: they use
    /// synchronous transfers, which cannot complete inside an event callback.
    let queue = DispatchQueue(label: "ScannerWatcher")
    let state = NSCondition()
    var scanners: [OpenScanner] = []
    var deferredArrivals: [String: [DeviceRef]] = [:]
    var sequences: [String: UInt64] = [:]
    var running = false
    private var registration: USBHotplugRegistration?
    private var finish: (@Sendable () -> Void)?

    /// A watcher delivering events to `handler` (called on the event thread and the
    /// watcher's queue; it must return quickly).
    public init(
        context: USBContext, matcher: ScannerMatcher, configuration: Configuration = Configuration(),
        handler: @escaping @Sendable (ScannerEvent) -> Void
    ) {
        self.context = context
        self.matcher = matcher
        self.configuration = configuration
        self.emit = handler
    }

    /// A watcher and the stream of its events; the stream finishes when the watcher stops.
    /// The stream buffers without limit, so no report is dropped if the reader is slow.
    public static func stream(
        context: USBContext, matcher: ScannerMatcher, configuration: Configuration = Configuration()
    ) -> (ScannerWatcher, AsyncStream<ScannerEvent>) {
        let (stream, continuation) = AsyncStream<ScannerEvent>.makeStream(bufferingPolicy: .unbounded)
        let watcher = ScannerWatcher(context: context, matcher: matcher, configuration: configuration) { event in
            continuation.yield(event)
        }
        watcher.finish = { continuation.finish() }
        return (watcher, stream)
    }

    /// Starts event handling and hotplug; every scanner already plugged in is opened.
    public func start() throws(USBError) {
        state.lock()
        let wasRunning = running
        running = true
        state.unlock()
        if wasRunning { return }
        try context.startEventHandling()
        do {
            if context.supportsHotplug {
                registration = try context.registerHotplug(includeExisting: true) { [self] device, arrived in
                    libusb_ref_device(device.pointer)
                    queue.async { [self] in
                        if arrived { deviceArrived(device) } else { deviceLeft(device) }
                        libusb_unref_device(device.pointer)
                    }
                }
            } else {
                try enumerateOnce()
            }
        } catch {
            context.stopEventHandling()
            state.lock()
            running = false
            state.unlock()
            throw error
        }
    }

    private func enumerateOnce() throws(USBError) {
        let raw = try context.raw("libusb_get_device_list")
        try withDeviceList(raw) { list throws(USBError) in
            for device in list {
                libusb_ref_device(device)
                let ref = DeviceRef(pointer: device)
                queue.async { [self] in
                    deviceArrived(ref)
                    libusb_unref_device(ref.pointer)
                }
            }
        }
    }

    /// Stops reading: cancels every transfer, waits for them to end, releases the interfaces
    /// (the kernel driver comes back) and closes the scanners; then stops event handling and
    /// finishes the stream. Call before closing the context, and not from the event handler.
    public func stop() {
        state.lock()
        let wasRunning = running
        running = false
        state.unlock()
        guard wasRunning else { return }
        registration?.cancel()
        registration = nil
        queue.sync {
            state.lock()
            let open = scanners
            let deferred = deferredArrivals.values.flatMap { $0 }
            deferredArrivals = [:]
            state.unlock()
            for device in deferred { libusb_unref_device(device.pointer) }
            for scanner in open { scanner.close(reason: .stopped) }
        }
        state.lock()
        let deadline = Date().addingTimeInterval(10)
        while !scanners.isEmpty && state.wait(until: deadline) {}
        state.unlock()
        queue.sync {}  // let a finalize that just ran finish emitting
        context.stopEventHandling()
        finish?()
    }

    /// Returns once the devices present at `start()` (and any arrival already queued) have
    /// been looked at: opened if they match, skipped if not.
    public func waitUntilSettled() {
        queue.sync {}
    }

    /// The scanners open now.
    public var openScanners: [ScannerInfo] {
        state.lock()
        defer { state.unlock() }
        return scanners.filter { !$0.isClosing }.map(\.info)
    }

    /// Sends an output report (beep, LED) to the scanner named `name`.
    public func sendOutputReport(_ data: [UInt8], reportID: UInt8, to name: String) throws(USBError) {
        state.lock()
        let scanner = scanners.first { $0.info.name == name && !$0.isClosing }
        state.unlock()
        guard let scanner else {
            throw USBError(
                code: LIBUSB_ERROR_NO_DEVICE.rawValue, call: "sendOutputReport", device: name,
                detail: "no scanner of that name is open")
        }
        try scanner.handle.sendOutputReport(data, reportID: reportID, interface: scanner.info.match.interface)
    }

    /// Called from a transfer callback: numbers the report and delivers it.
    func deliver(_ bytes: [UInt8], from scanner: OpenScanner) {
        let timestamp = MonotonicClock.nanoseconds()
        state.lock()
        let name = scanner.info.name
        let sequence = sequences[name, default: 0]
        sequences[name] = sequence + 1
        state.unlock()
        emit(.report(ScannerReport(scanner: name, bytes: bytes, timestamp: timestamp, sequence: sequence)))
    }
}
