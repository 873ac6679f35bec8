extension Duration {
    /// The duration in whole nanoseconds (sub-nanosecond parts dropped): what monotonic clocks
    /// and metrics count in.
    public var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
