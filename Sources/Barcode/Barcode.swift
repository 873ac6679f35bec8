/// Interpreting what a barcode scanner sends: HID reports to characters (`KeyboardWedgeDecoder`,
/// `HIDPOSDecoder`), characters to a typed barcode (`Barcode.interpret`).
public enum Barcode {
    /// Settings for `interpret`.
    public struct Options: Sendable {
        /// The GS1 AI table (built-in copy unless a newer one was loaded from the data directory).
        public var dictionary: GS1Dictionary
        /// How strictly to read GS1 Digital Link URIs. By default GTIN-8/12/13 in the path are
        /// accepted (many printed URIs use them).
        public var digitalLink: GS1DigitalLink.Options
        /// Characters that stand for FNC1 between GS1 elements. GS (0x1D) is the standard one; add
        /// others for scanners configured to replace it.
        public var separators: Set<Character>
        /// Whether to read GS1 element strings, EAN/UPC and SSCCs in scans without a symbology
        /// identifier (a keyboard-wedge scanner with AIM IDs off). Numeric serial numbers can then be
        /// mistaken for GTINs whose check digit happens to fit; scanners should send AIM IDs.
        public var guessWithoutSymbologyIdentifier: Bool

        public init(
            dictionary: GS1Dictionary = .builtIn,
            digitalLink: GS1DigitalLink.Options = GS1DigitalLink.Options(permitZeroSuppressedGTIN: true),
            separators: Set<Character> = ["\u{1D}"], guessWithoutSymbologyIdentifier: Bool = true
        ) {
            self.dictionary = dictionary
            self.digitalLink = digitalLink
            self.separators = separators
            self.guessWithoutSymbologyIdentifier = guessWithoutSymbologyIdentifier
        }
    }
}
