/// A parsed USB HID report descriptor (Device Class Definition for HID 1.11 §6.2.2): the fields of
/// each report with their usages, report ID, bit offset, size and count. Enough to locate the
/// fields a barcode decoder needs; collections are tracked only for nesting.
public struct HIDReportDescriptor: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case input, output, feature }

        public let kind: Kind
        /// 0 when the descriptor declares no report IDs.
        public let reportID: UInt8
        /// Bit position of the first item inside the report, after the report ID byte.
        public let bitOffset: Int
        /// Bits per item (Report Size) and number of items (Report Count).
        public let bitSize: Int
        public let count: Int
        /// Main item flags: bit 0 constant, bit 1 variable (else array), bit 2 relative (§6.2.2.5).
        public let flags: UInt32
        /// Extended usages (page << 16 | id), ranges expanded; for variable fields item i has
        /// usage i (the last one repeating), for array fields these are the selectable values.
        public let usages: [UInt32]
        public let logicalMinimum: Int32
        public let logicalMaximum: Int32

        public var isConstant: Bool { flags & 1 != 0 }
        public var isVariable: Bool { flags & 2 != 0 }

        /// The usage of item `index` of a variable field.
        public func usage(ofItem index: Int) -> UInt32? {
            guard !usages.isEmpty else { return nil }
            return usages[min(index, usages.count - 1)]
        }
    }

    public let fields: [Field]
    /// The raw bytes, as read from the device.
    public let bytes: [UInt8]

    public var usesReportIDs: Bool { fields.contains { $0.reportID != 0 } }

    /// Length in bytes of a report (without its ID byte).
    public func reportLength(_ kind: Field.Kind, reportID: UInt8) -> Int {
        let bits = fields.filter { $0.kind == kind && $0.reportID == reportID }.map { $0.bitOffset + $0.bitSize * $0.count }.max() ?? 0
        return (bits + 7) / 8
    }

    /// Every (field, item index) whose usage is `page:id`, among fields of `kind`.
    public func items(page: UInt16, usage id: UInt16, kind: Field.Kind = .input) -> [(field: Field, item: Int)] {
        let wanted = UInt32(page) << 16 | UInt32(id)
        var result: [(field: Field, item: Int)] = []
        for field in fields where field.kind == kind && field.isVariable {
            for item in 0..<field.count where field.usage(ofItem: item) == wanted { result.append((field, item)) }
        }
        return result
    }

    /// Whether any collection or field uses this usage page (e.g. 0x8C for barcode scanners).
    public func mentions(page: UInt16) -> Bool {
        collectionUsages.contains { $0 >> 16 == UInt32(page) } || fields.contains { $0.usages.contains { $0 >> 16 == UInt32(page) } }
    }

    /// Usages of the collections opened in the descriptor.
    public let collectionUsages: [UInt32]

    public init(bytes: [UInt8]) throws(BarcodeError) {
        struct Globals {
            var usagePage: UInt32 = 0
            var logicalMinimum: Int32 = 0
            var logicalMaximum: Int32 = 0
            var logicalMaximumRaw: UInt32 = 0
            var reportSize = 0
            var reportCount = 0
            var reportID: UInt8 = 0
        }
        var globals = Globals()
        var stack: [Globals] = []
        var usages: [UInt32] = []
        var usageMinimum: UInt32?
        var fields: [Field] = []
        var collections: [UInt32] = []
        var depth = 0
        var offsets: [String: Int] = [:]
        var index = 0
        func fail(_ why: String) -> BarcodeError {
            BarcodeError(.badReport, "HID report descriptor byte \(index): \(why).")
        }
        while index < bytes.count {
            let prefix = bytes[index]
            if prefix == 0xFE {  // long item: skip
                guard index + 2 < bytes.count else { throw fail("long item cut short") }
                index += 3 + Int(bytes[index + 1])
                continue
            }
            let size = [0, 1, 2, 4][Int(prefix & 3)]
            guard index + size < bytes.count else { throw fail("item cut short") }
            var unsigned: UInt32 = 0
            for byte in 0..<size { unsigned |= UInt32(bytes[index + 1 + byte]) << (8 * byte) }
            let signed: Int32 =
                size == 1 ? Int32(Int8(truncatingIfNeeded: unsigned)) : size == 2 ? Int32(Int16(truncatingIfNeeded: unsigned)) : Int32(bitPattern: unsigned)
            let type = (prefix >> 2) & 3
            let tag = prefix >> 4
            switch (type, tag) {
            case (0, 8), (0, 9), (0, 11):  // Input, Output, Feature
                let kind: Field.Kind = tag == 8 ? .input : tag == 9 ? .output : .feature
                let key = "\(tag)/\(globals.reportID)"
                let offset = offsets[key] ?? 0
                var maximum = globals.logicalMaximum
                if globals.logicalMinimum >= 0, maximum < 0 { maximum = Int32(truncatingIfNeeded: globals.logicalMaximumRaw) }
                fields.append(Field(
                    kind: kind, reportID: globals.reportID, bitOffset: offset, bitSize: globals.reportSize,
                    count: globals.reportCount, flags: unsigned, usages: usages,
                    logicalMinimum: globals.logicalMinimum, logicalMaximum: maximum))
                offsets[key] = offset + globals.reportSize * globals.reportCount
                usages = []
                usageMinimum = nil
            case (0, 10):  // Collection
                depth += 1
                collections.append(usages.first ?? 0)
                usages = []
                usageMinimum = nil
            case (0, 12):  // End Collection
                guard depth > 0 else { throw fail("End Collection without Collection") }
                depth -= 1
            case (1, 0): globals.usagePage = unsigned
            case (1, 1): globals.logicalMinimum = signed
            case (1, 2):
                globals.logicalMaximum = signed
                globals.logicalMaximumRaw = unsigned
            case (1, 7): globals.reportSize = Int(unsigned)
            case (1, 8):
                guard unsigned > 0, unsigned < 256 else { throw fail("report ID must be 1-255") }
                globals.reportID = UInt8(unsigned)
            case (1, 9): globals.reportCount = Int(unsigned)
            case (1, 10): stack.append(globals)
            case (1, 11):
                guard let top = stack.popLast() else { throw fail("Pop without Push") }
                globals = top
            case (2, 0): usages.append(size == 4 ? unsigned : globals.usagePage << 16 | unsigned)
            case (2, 1): usageMinimum = size == 4 ? unsigned : globals.usagePage << 16 | unsigned
            case (2, 2):
                let maximum = size == 4 ? unsigned : globals.usagePage << 16 | unsigned
                guard let minimum = usageMinimum, minimum <= maximum, maximum - minimum < 0x10000 else { throw fail("bad usage range") }
                usages += Array(minimum...maximum)
                usageMinimum = nil
            default: break
            }
            guard globals.reportSize <= 1024, globals.reportCount <= 65535 else { throw fail("implausible report size or count") }
            index += 1 + size
        }
        guard !fields.isEmpty else { throw BarcodeError(.badReport, "The HID report descriptor declares no report fields.") }
        self.fields = fields
        self.bytes = bytes
        self.collectionUsages = collections
    }
}
