import Foundation

/// Reads the headers section of one event-stream message: `name length (1) | name | type (1) |
/// value`, repeated, with every length checked against what is left.
enum EventStreamHeaderParser {
    static func parse(_ bytes: ArraySlice<UInt8>, messageOffset: Int) throws(EventStreamFramingError) -> [EventStreamHeader] {
        var reader = Reader(bytes: bytes, messageOffset: messageOffset)
        var headers: [EventStreamHeader] = []
        while !reader.isAtEnd {
            let nameLength = Int(try reader.byte())
            guard nameLength > 0 else { throw reader.fail("a header has an empty name") }
            let name = try reader.text(nameLength, what: "header name")
            let type = try reader.byte()
            headers.append(EventStreamHeader(name, try value(type: type, name: name, &reader)))
        }
        return headers
    }

    private static func value(type: UInt8, name: String, _ reader: inout Reader) throws(EventStreamFramingError) -> EventStreamHeaderValue {
        switch type {
        case 0: return .bool(true)
        case 1: return .bool(false)
        case 2: return .byte(Int8(bitPattern: try reader.byte()))
        case 3: return .short(Int16(bitPattern: UInt16(truncatingIfNeeded: try reader.bigEndian(2))))
        case 4: return .integer(Int32(bitPattern: UInt32(truncatingIfNeeded: try reader.bigEndian(4))))
        case 5: return .long(Int64(bitPattern: try reader.bigEndian(8)))
        case 6: return .byteArray(Array(try reader.take(Int(try reader.bigEndian(2)))))
        case 7: return .string(try reader.text(Int(try reader.bigEndian(2)), what: "value of header \(name)"))
        case 8:
            let milliseconds = Int64(bitPattern: try reader.bigEndian(8))
            return .timestamp(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case 9:
            let raw = Array(try reader.take(16))
            return .uuid(UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                                     raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15])))
        default:
            throw reader.fail("header \(name) has unknown value type \(type)")
        }
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>
        let messageOffset: Int
        var isAtEnd: Bool { bytes.isEmpty }

        init(bytes: ArraySlice<UInt8>, messageOffset: Int) {
            self.bytes = bytes
            self.messageOffset = messageOffset
        }

        mutating func take(_ count: Int) throws(EventStreamFramingError) -> ArraySlice<UInt8> {
            guard count <= bytes.count else { throw fail("a header runs past the headers section") }
            let taken = bytes.prefix(count)
            bytes = bytes.dropFirst(count)
            return taken
        }

        mutating func byte() throws(EventStreamFramingError) -> UInt8 {
            try take(1).first!
        }

        mutating func bigEndian(_ count: Int) throws(EventStreamFramingError) -> UInt64 {
            try take(count).reduce(0) { $0 << 8 | UInt64($1) }
        }

        mutating func text(_ count: Int, what: String) throws(EventStreamFramingError) -> String {
            guard let text = String(validating: try take(count), as: UTF8.self) else { throw fail("\(what) is not UTF-8") }
            return text
        }

        func fail(_ reason: String) -> EventStreamFramingError {
            EventStreamFramingError(reason, messageOffset: messageOffset)
        }
    }
}
