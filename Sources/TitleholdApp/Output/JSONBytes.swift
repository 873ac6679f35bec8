/// The growing bytes behind a `JSONWriter`.
///
/// Why not `[UInt8]`: an answer of the look-up endpoint is some 150 appends of a byte or a few,
/// and each append to an array checks that its storage is not shared and re-reads its count and
/// capacity — writing the JSON took 1.8 µs, as long as the ownership rule and its report together
/// (issue 6, Speed). Here an append is a capacity check and a copy. The writer owns its buffer
/// alone and never hands it out: callers read the bytes through `JSONWriter.withBytes` or copy
/// them with `JSONWriter.bytes`.
final class JSONBytes {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always) func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always) func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Forgets what was written, keeping the buffer (after it went to a sink).
    func removeAll() { count = 0 }

    @inline(never) private func grow(toHold needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 1)
        moved.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}
