import Testing

/// Every test that uses the umockdev scanner emulator lives in this suite or one nested in it:
/// the testbed is process-global, so they run one at a time (`.serialized` covers the nested
/// suites), and they are skipped — loudly — when the umockdev preload is missing.
@Suite(
    "Emulated scanners (umockdev)", .serialized,
    // Without LD_PRELOAD=libumockdev-preload libusb would see the machine's real (here: empty)
    // bus, so these tests cannot run; EmulatorGate prints "EMULATOR TESTS DID NOT RUN: ...".
    .enabled(if: EmulatorGate.isAvailable, EmulatorGate.skipReason))
struct EmulatedScanners {}
