import Foundation
import Testing
@testable import AyameCore

/// The event-stream framing: layout, every header type, CRCs and chunk boundaries.
@Suite struct EventStreamDecoderTests {
    /// Builds a frame by the specification, independently of the decoder (zlib's CRC through
    /// the checksum code the SDK uses for CRC32 request checksums).
    static func frame(_ headers: [UInt8], _ payload: [UInt8], corruptPrelude: Bool = false, corruptMessage: Bool = false) -> [UInt8] {
        func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        let total = 12 + headers.count + payload.count + 4
        var bytes = be32(total) + be32(headers.count)
        let preludeCRC = Int(EventStreamDecoder.crc32(bytes)) ^ (corruptPrelude ? 1 : 0)
        bytes += be32(preludeCRC) + headers + payload
        let messageCRC = Int(EventStreamDecoder.crc32(bytes)) ^ (corruptMessage ? 1 : 0)
        return bytes + be32(messageCRC)
    }

    static func header(_ name: String, type: UInt8, _ value: [UInt8]) -> [UInt8] {
        [UInt8(name.utf8.count)] + Array(name.utf8) + [type] + value
    }

    static func string(_ name: String, _ value: String) -> [UInt8] {
        header(name, type: 7, [UInt8(value.utf8.count >> 8), UInt8(value.utf8.count & 0xFF)] + Array(value.utf8))
    }

    static let uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
    static var allTypes: [UInt8] {
        let uuidBytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        return header("t", type: 0, []) + header("f", type: 1, []) + header("byte", type: 2, [0xFE])
            + header("short", type: 3, [0x80, 0x01]) + header("int", type: 4, [0x7F, 0xFF, 0xFF, 0xFE])
            + header("long", type: 5, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFD])
            + header("bytes", type: 6, [0x00, 0x03, 0x01, 0x02, 0x03]) + string(":message-type", "event")
            + header("when", type: 8, [0x00, 0x00, 0x01, 0x8B, 0xCF, 0xE5, 0x68, 0x00])
            + header("id", type: 9, uuidBytes)
    }

    @Test func theEmptyMessageMatchesTheSpecificationsBytes() throws {
        // The smallest message: 16 bytes, no headers, no payload (AWS's `empty_message` vector).
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x05, 0xC2, 0x48, 0xEB, 0x7D, 0x98, 0xC8, 0xFF]
        #expect(Self.frame([], []) == bytes)
        #expect(try EventStreamDecoder.decodeAll(bytes) == [EventStreamMessage(headers: [], payload: [])])
    }

    @Test func everyHeaderTypeDecodes() throws {
        let messages = try EventStreamDecoder.decodeAll(Self.frame(Self.allTypes, Array("{\"k\":1}".utf8)))
        #expect(messages.count == 1)
        #expect(messages[0].headers == [
            EventStreamHeader("t", .bool(true)), EventStreamHeader("f", .bool(false)), EventStreamHeader("byte", .byte(-2)),
            EventStreamHeader("short", .short(-32767)), EventStreamHeader("int", .integer(2_147_483_646)),
            EventStreamHeader("long", .long(-3)), EventStreamHeader("bytes", .byteArray([1, 2, 3])),
            EventStreamHeader(":message-type", .string("event")),
            EventStreamHeader("when", .timestamp(Date(timeIntervalSince1970: 1_700_000_000))),
            EventStreamHeader("id", .uuid(Self.uuid)),
        ])
        #expect(messages[0].stringHeader(":message-type") == "event")
        #expect(messages[0].payload == Array("{\"k\":1}".utf8))
    }

    @Test func everySplitPointGivesTheSameMessages() throws {
        let stream = Self.frame(Self.allTypes, [1, 2, 3]) + Self.frame(Self.string(":event-type", "A"), []) + Self.frame([], Array(repeating: 9, count: 40))
        let whole = try EventStreamDecoder.decodeAll(stream)
        #expect(whole.count == 3)
        for first in 0...stream.count {
            for second in stride(from: first, through: stream.count, by: 7) {
                var decoder = EventStreamDecoder()
                var messages = try decoder.append(stream[..<first])
                messages += try decoder.append(stream[first..<second])
                messages += try decoder.append(stream[second...])
                try decoder.finish()
                #expect(messages == whole, "split at \(first), \(second)")
            }
        }
        // One byte at a time.
        var decoder = EventStreamDecoder()
        var messages: [EventStreamMessage] = []
        for byte in stream { messages += try decoder.append([byte]) }
        #expect(messages == whole)
    }

    @Test func corruptedCRCsAreRefused() {
        let good = Self.frame(Self.string(":event-type", "A"), [7])
        #expect(throws: EventStreamFramingError("prelude CRC mismatch", messageOffset: 0)) {
            try EventStreamDecoder.decodeAll(Self.frame([], [1], corruptPrelude: true))
        }
        #expect(throws: EventStreamFramingError("message CRC mismatch", messageOffset: good.count)) {
            try EventStreamDecoder.decodeAll(good + Self.frame([], [1], corruptMessage: true))
        }
        // A flipped payload bit is caught by the message CRC.
        var flipped = good
        flipped[flipped.count - 5] ^= 0x10
        #expect(throws: EventStreamFramingError("message CRC mismatch", messageOffset: 0)) { try EventStreamDecoder.decodeAll(flipped) }
    }

    @Test func aCorruptedLengthIsRefusedBeforeWaitingForIt() throws {
        // A prelude whose length says 4 GiB but whose CRC is right is refused at once, not awaited.
        var prelude: [UInt8] = [0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0]
        let crc = EventStreamDecoder.crc32(prelude)
        prelude += [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamFramingError("message length 4294967280 is outside 16...16777216", messageOffset: 0)) {
            _ = try decoder.append(prelude)
        }
    }

    @Test func malformedHeadersAreRefused() {
        let cases: [([UInt8], String)] = [
            ([0], "a header has an empty name"),
            ([1, UInt8(ascii: "a"), 10], "header a has unknown value type 10"),
            ([1, UInt8(ascii: "a"), 7, 0, 9, 1], "a header runs past the headers section"),
            ([1, 0xFF, 0], "header name is not UTF-8"),
        ]
        for (headers, reason) in cases {
            #expect(throws: EventStreamFramingError(reason, messageOffset: 0)) { try EventStreamDecoder.decodeAll(Self.frame(headers, [])) }
        }
    }

    @Test func aStreamEndingInsideAMessageIsRefused() throws {
        let good = Self.frame([], [1, 2])
        var decoder = EventStreamDecoder()
        #expect(try decoder.append(good + good.prefix(5)).count == 1)
        #expect(throws: EventStreamFramingError("the stream ended 5 bytes into an incomplete message", messageOffset: good.count)) {
            try decoder.finish()
        }
    }
}
