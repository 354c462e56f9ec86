import AyameHTTP

/// An HTTP request as a protocol codec lays it out, before the endpoint and signing.
public struct SerializedRequest: Sendable, Equatable {
    /// The HTTP method.
    public var method: String
    /// The path, percent-encoded as it goes on the wire, starting with `/`; appended to the
    /// endpoint URL's own path. Empty means the endpoint's path itself (S3 bucket-level
    /// operations, whose `/{Bucket}` the endpoint already holds).
    public var path: String
    /// Query parameters, not yet encoded, in order; a nil value is a bare key (`?uploads`).
    public var query: [QueryParameter]
    /// Headers in order; names may repeat.
    public var headers: [HTTPHeaderField]
    /// The body.
    public var body: SerializedBody
    /// A prefix for the endpoint host, with labels already substituted.
    public var hostPrefix: String?

    /// Creates a request layout.
    public init(
        method: String, path: String = "/", query: [QueryParameter] = [], headers: [HTTPHeaderField] = [],
        body: SerializedBody = .empty, hostPrefix: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.hostPrefix = hostPrefix
    }
}

/// One query parameter, decoded.
public struct QueryParameter: Sendable, Equatable {
    /// The name.
    public var name: String
    /// The value, or nil for a bare key.
    public var value: String?
    /// Creates a parameter.
    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}

/// One HTTP header line.
public struct HTTPHeaderField: Sendable, Equatable {
    /// The name, as sent.
    public var name: String
    /// The value.
    public var value: String
    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request body as a codec produces it.
public enum SerializedBody: Sendable, Equatable {
    /// No body at all (no `Content-Length` needed beyond 0 for methods that carry one).
    case empty
    /// Bytes in memory.
    case bytes([UInt8])
}

/// A response as a codec decodes it: status, headers and the whole body.
public struct ReceivedResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var statusCode: Int
    /// Headers in order as received.
    public var headers: [HTTPHeaderField]
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(statusCode: Int, headers: [HTTPHeaderField], body: [UInt8]) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { HTTPHeaders.namesEqual($0.name, name) }?.value
    }
}

/// Turns typed values into HTTP requests and HTTP responses back into typed values, for one
/// wire protocol. Decoding is keyed by the operation's protocol, never by `Content-Type`
/// (mock servers label JSON as `text/html`).
public protocol ProtocolCodec: Sendable {
    /// Lays out the request for `input` (a `.structure`, or nil for operations without input).
    func encodeRequest(
        _ input: ShapeValue?, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> SerializedRequest

    /// Decodes a successful response into the output structure (an empty structure when the
    /// operation has no output).
    func decodeResponse(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue

    /// Decodes an error response: code (normalised), message, request ids, raw body.
    func decodeError(
        _ response: ReceivedResponse, operation: OperationDescriptor, service: ServiceDescriptor
    ) -> AWSServiceError

    /// Decodes the members of the modelled error shape `schema` (its message, extra fields and
    /// bound headers) from an error response, once ``decodeError(_:operation:service:)`` has
    /// named the code. A body that is not the protocol's document gives only the bound members.
    func decodeErrorMembers(
        _ response: ReceivedResponse, schema: ShapeSchema, service: ServiceDescriptor
    ) throws(AyameError) -> ShapeValue
}

import Foundation
