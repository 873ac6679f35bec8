import CLibUSB
import Foundation

/// The thread that calls `libusb_handle_events_timeout_completed` until stopped. libusb runs
/// transfer and hotplug callbacks on whichever thread handles events; one dedicated thread
/// keeps them off the caller's threads and keeps interrupt endpoints polled continuously.
final class USBEventLoop: @unchecked Sendable {
    private let context: OpaquePointer
    private let lock = NSLock()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    init(context: OpaquePointer) {
        self.context = context
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "libusb events"
        thread.start()
    }

    private var shouldStop: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func run() {
        while !shouldStop {
            // 100 ms bounds how long stop() waits if the interrupt below is missed.
            var tv = timeval(tv_sec: 0, tv_usec: 100_000)
            let r = libusb_handle_events_timeout_completed(context, &tv, nil)
            if r < 0 && r != LIBUSB_ERROR_INTERRUPTED.rawValue && r != LIBUSB_ERROR_TIMEOUT.rawValue {
                usleep(1_000)  // e.g. LIBUSB_ERROR_BUSY: another thread holds the event lock
            }
        }
        finished.signal()
    }

    /// Asks the thread to stop, wakes it, and waits until it has left libusb.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        libusb_interrupt_event_handler(context)
        finished.wait()
    }
}
