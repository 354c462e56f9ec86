import Foundation

/// One message of an `application/vnd.amazon.eventstream` body: typed headers and a payload.
public struct EventStreamMessage: Sendable, Equatable {
    /// The headers in wire order (names are case-sensitive and may repeat on the wire; AWS
    /// never repeats them).
    public var headers: [EventStreamHeader]
    /// The payload bytes.
    public var payload: [UInt8]

    /// Creates a message.
    public init(headers: [EventStreamHeader], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    /// The first header called `name`.
    public func header(_ name: String) -> EventStreamHeaderValue? {
        headers.first { $0.name == name }?.value
    }

    /// The first header called `name` when it is a string (`:message-type`, `:event-type`, ...).
    public func stringHeader(_ name: String) -> String? {
        if case .string(let value)? = header(name) { return value }
        return nil
    }
}

/// A named, typed event-stream header.
public struct EventStreamHeader: Sendable, Equatable {
    /// The name, 1 to 255 UTF-8 bytes.
    public var name: String
    /// The value.
    public var value: EventStreamHeaderValue

    /// Creates a header.
    public init(_ name: String, _ value: EventStreamHeaderValue) {
        self.name = name
        self.value = value
    }
}

/// The ten header value types of the event-stream encoding, with their wire type numbers.
public enum EventStreamHeaderValue: Sendable, Equatable {
    /// Type 0 (`true`) or 1 (`false`): no value bytes.
    case bool(Bool)
    /// Type 2: one signed byte.
    case byte(Int8)
    /// Type 3: a big-endian signed 16-bit integer.
    case short(Int16)
    /// Type 4: a big-endian signed 32-bit integer.
    case integer(Int32)
    /// Type 5: a big-endian signed 64-bit integer.
    case long(Int64)
    /// Type 6: bytes with a 16-bit length.
    case byteArray([UInt8])
    /// Type 7: UTF-8 text with a 16-bit length.
    case string(String)
    /// Type 8: milliseconds since the epoch, a big-endian signed 64-bit integer.
    case timestamp(Date)
    /// Type 9: 16 bytes.
    case uuid(UUID)
}
