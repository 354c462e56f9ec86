import Foundation

/// Splits an `application/vnd.amazon.eventstream` byte stream into validated messages, from
/// chunks cut at any boundary.
///
/// Each message is `total length (4) | headers length (4) | prelude CRC (4) | headers | payload |
/// message CRC (4)`, big-endian, CRC-32 (IEEE). The prelude CRC is checked before the lengths
/// are trusted, so a corrupted length cannot make the decoder wait for (or allocate) gigabytes;
/// the message CRC covers everything before it.
///
/// A pure value over bytes, with no I/O: `append(_:)` returns the messages completed by a chunk,
/// `finish()` refuses a stream that stops inside a message. ``decodeAll(_:)`` is the one-call
/// entry point for fuzzing (any input must end in messages or an ``EventStreamFramingError``,
/// never a crash or a hang).
public struct EventStreamDecoder: Sendable {
    /// The largest message AWS sends (16 MiB); a prelude announcing more is refused.
    public static let maximumMessageLength = 16 * 1024 * 1024
    /// The largest headers section AWS sends (128 KiB).
    public static let maximumHeadersLength = 128 * 1024
    static let preludeLength = 12
    static let minimumMessageLength = 16

    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes consumed by completed messages, for error offsets.
    private var consumed = 0

    /// Creates a decoder at the start of a stream.
    public init() {}

    /// Adds `chunk` and returns every message it completes, in order.
    public mutating func append(_ chunk: some Collection<UInt8>) throws(EventStreamFramingError) -> [EventStreamMessage] {
        buffer.append(contentsOf: chunk)
        var messages: [EventStreamMessage] = []
        while let message = try nextMessage() { messages.append(message) }
        // Drop consumed bytes once they dominate, so the buffer stays about one message long.
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        return messages
    }

    /// Refuses a stream that ended inside a message.
    public func finish() throws(EventStreamFramingError) {
        let pending = buffer.count - start
        guard pending == 0 else {
            throw EventStreamFramingError("the stream ended \(pending) bytes into an incomplete message", messageOffset: consumed)
        }
    }

    /// Decodes a whole stream at once (the fuzzing entry point).
    public static func decodeAll(_ bytes: some Collection<UInt8>) throws(EventStreamFramingError) -> [EventStreamMessage] {
        var decoder = EventStreamDecoder()
        let messages = try decoder.append(bytes)
        try decoder.finish()
        return messages
    }

    private mutating func nextMessage() throws(EventStreamFramingError) -> EventStreamMessage? {
        let available = buffer.count - start
        guard available >= Self.preludeLength else { return nil }
        let totalLength = Int(readUInt32(at: start))
        let headersLength = Int(readUInt32(at: start + 4))
        let preludeCRC = readUInt32(at: start + 8)
        guard Self.crc32(buffer[start..<(start + 8)]) == preludeCRC else {
            throw fail("prelude CRC mismatch")
        }
        guard totalLength >= Self.minimumMessageLength, totalLength <= Self.maximumMessageLength else {
            throw fail("message length \(totalLength) is outside 16...\(Self.maximumMessageLength)")
        }
        guard headersLength <= Self.maximumHeadersLength, headersLength <= totalLength - Self.minimumMessageLength else {
            throw fail("headers length \(headersLength) does not fit a message of \(totalLength) bytes")
        }
        guard available >= totalLength else { return nil }
        let end = start + totalLength
        guard Self.crc32(buffer[start..<(end - 4)]) == readUInt32(at: end - 4) else {
            throw fail("message CRC mismatch")
        }
        let headersStart = start + Self.preludeLength
        let headers = try EventStreamHeaderParser.parse(buffer[headersStart..<(headersStart + headersLength)], messageOffset: consumed)
        let payload = Array(buffer[(headersStart + headersLength)..<(end - 4)])
        start = end
        consumed += totalLength
        return EventStreamMessage(headers: headers, payload: payload)
    }

    private func readUInt32(at offset: Int) -> UInt32 {
        UInt32(buffer[offset]) << 24 | UInt32(buffer[offset + 1]) << 16 | UInt32(buffer[offset + 2]) << 8 | UInt32(buffer[offset + 3])
    }

    private func fail(_ reason: String) -> EventStreamFramingError {
        EventStreamFramingError(reason, messageOffset: consumed)
    }

    static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc = CRC32Checksum(kind: .crc32)
        let wasContiguous: Void? = bytes.withContiguousStorageIfAvailable { crc.update(UnsafeRawBufferPointer($0)) }
        if wasContiguous == nil { Array(bytes).withUnsafeBytes { crc.update($0) } }
        return crc.value
    }
}
