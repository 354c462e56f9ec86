/// Serves an in-memory body; rewinding is free.
final class BytesBodyProducer: HTTPBodyProducer {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var length: Int64? { Int64(bytes.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return .end }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return .bytes(count)
    }

    func rewind() -> Bool {
        position = 0
        return true
    }
}
