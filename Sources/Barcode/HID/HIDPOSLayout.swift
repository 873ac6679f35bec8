/// Where the parts of a HID POS scanned-data report are (USB HID Point of Sale Usage Tables 1.02,
/// Bar Code Scanner page 0x8C): byte offsets counted after the report ID byte.
public struct HIDPOSLayout: Sendable, Hashable {
    /// The scanned-data report's ID (0 = the interface uses no report IDs).
    public var reportID: UInt8
    /// Generic Desktop "Byte Count" (0x01:0x3B): how many data bytes are valid; nil = trim zeros.
    public var byteCountOffset: Int?
    /// Symbology Identifier 1-3 (0x8C:0xFB-0xFD): the AIM identifier "]xy", if present.
    public var symbologyOffsets: [Int]
    /// Decoded Data (0x8C:0xFE): first byte and capacity.
    public var dataOffset: Int
    public var dataCapacity: Int
    /// Decode Data Continued (0x8C:0xFF): byte and bit of the "more follows" flag.
    public var continuedByte: Int
    public var continuedBit: Int
    /// Vendor bytes after the data (Honeywell puts its Code ID at the first one).
    public var vendorOffset: Int?
    /// Report length after the ID byte.
    public var length: Int

    /// The layout Honeywell, Access-IS and others use (and the real captures show): report ID 2,
    /// [length][AIM ]xy][56 data bytes][2 vendor bytes][flags, bit 0 = more follows]. Counted after
    /// the ID byte the flag is byte 62; in the 64-byte transfer with the ID it is byte 63.
    public static let common = HIDPOSLayout(
        reportID: 2, byteCountOffset: 0, symbologyOffsets: [1, 2, 3], dataOffset: 4, dataCapacity: 56,
        continuedByte: 62, continuedBit: 0, vendorOffset: 60, length: 63)

    public init(
        reportID: UInt8, byteCountOffset: Int?, symbologyOffsets: [Int], dataOffset: Int, dataCapacity: Int,
        continuedByte: Int, continuedBit: Int, vendorOffset: Int?, length: Int
    ) {
        self.reportID = reportID
        self.byteCountOffset = byteCountOffset
        self.symbologyOffsets = symbologyOffsets
        self.dataOffset = dataOffset
        self.dataCapacity = dataCapacity
        self.continuedByte = continuedByte
        self.continuedBit = continuedBit
        self.vendorOffset = vendorOffset
        self.length = length
    }

    /// Finds the fields in a report descriptor: the input report holding Decoded Data (0xFE)
    /// with 8-bit items, plus its Symbology Identifier, Decode Data Continued and Byte Count
    /// fields. Nil when the descriptor has no such report (the caller then uses `.common`).
    public init?(descriptor: HIDReportDescriptor) {
        guard let data = descriptor.items(page: 0x8C, usage: 0xFE).first(where: { $0.field.bitSize == 8 }),
            data.field.bitOffset % 8 == 0
        else { return nil }
        let id = data.field.reportID
        func byteOf(_ usage: UInt16, page: UInt16 = 0x8C) -> (byte: Int, bit: Int)? {
            guard let found = descriptor.items(page: page, usage: usage).first(where: { $0.field.reportID == id }) else { return nil }
            let bit = found.field.bitOffset + found.item * found.field.bitSize
            return (bit / 8, bit % 8)
        }
        guard let continued = byteOf(0xFF) else { return nil }
        let items = descriptor.items(page: 0x8C, usage: 0xFE).filter { $0.field.reportID == id && $0.field == data.field }
        let symbology = [UInt16(0xFB), 0xFC, 0xFD].compactMap { byteOf($0)?.byte }
        self.init(
            reportID: id, byteCountOffset: byteOf(0x3B, page: 0x01)?.byte, symbologyOffsets: symbology.count == 3 ? symbology : [],
            dataOffset: data.field.bitOffset / 8 + data.item, dataCapacity: items.count,
            continuedByte: continued.byte, continuedBit: continued.bit, vendorOffset: nil,
            length: descriptor.reportLength(.input, reportID: id))
    }
}
