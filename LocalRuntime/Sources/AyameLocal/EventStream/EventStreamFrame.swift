import AyameCore
import Foundation

/// One `application/vnd.amazon.eventstream` message, laid out for the wire:
/// `total length | headers length | prelude CRC | headers | payload | message CRC`, big-endian,
/// CRC-32 (IEEE). Every header the runtime sends is a string (type 7).
enum EventStreamFrame {
    /// The frame carrying `payload` with `headers` in the given order.
    static func encode(headers: [(name: String, value: String)], payload: [UInt8]) -> [UInt8] {
        var headerBytes: [UInt8] = []
        for header in headers {
            let name = Array(header.name.utf8)
            let value = Array(header.value.utf8)
            headerBytes.append(UInt8(name.count))
            headerBytes += name
            headerBytes.append(7)
            appendBigEndian(UInt16(value.count), to: &headerBytes)
            headerBytes += value
        }
        var frame: [UInt8] = []
        frame.reserveCapacity(16 + headerBytes.count + payload.count)
        appendBigEndian(UInt32(16 + headerBytes.count + payload.count), to: &frame)
        appendBigEndian(UInt32(headerBytes.count), to: &frame)
        appendBigEndian(crc32(frame), to: &frame)
        frame += headerBytes
        frame += payload
        appendBigEndian(crc32(frame), to: &frame)
        return frame
    }

    /// A `PayloadPart` event holding `bytes`, as SageMaker Runtime sends each piece of a
    /// streamed inference.
    static func payloadPart(_ bytes: [UInt8]) -> [UInt8] {
        encode(
            headers: [(":event-type", "PayloadPart"), (":content-type", "application/octet-stream"), (":message-type", "event")],
            payload: bytes)
    }

    /// A modelled exception event (`ModelStreamError`, `InternalStreamFailure`): its members as
    /// a JSON document, the restJson1 way.
    static func exception(_ type: String, members: [String: String]) -> [UInt8] {
        let document = (try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])) ?? Data("{}".utf8)
        return encode(
            headers: [(":exception-type", type), (":content-type", "application/json"), (":message-type", "exception")],
            payload: Array(document))
    }

    private static func appendBigEndian<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { CRCCombination.crc(.crc32, of: $0) } ?? 0
    }
}
