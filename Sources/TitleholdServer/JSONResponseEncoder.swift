import Hummingbird
import TitleholdApp

/// The service's JSON in the house style (snake_case keys, sorted, `/` unescaped), written by
/// `CompactJSONEncoder`: the same bytes as Foundation's `JSONEncoder` with those options, in a
/// fraction of the time (issue 6, Speed). Used for every JSON response and server-sent event.
public struct JSONResponseEncoder: ResponseEncoder, Sendable {
    private let encoder = CompactJSONEncoder()

    public init() {}

    /// The JSON bytes of `value`.
    public func encode(_ value: some Encodable) throws -> [UInt8] { try encoder.encode(value) }

    /// `value` as a 200 response with `Content-Type: application/json; charset=utf-8`.
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let bytes = try encoder.encode(value)
        return Response(status: .ok,
                        headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.count)],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
