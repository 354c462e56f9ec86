#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Streams a region of a file with `pread`, so memory stays at curl's upload buffer and a
/// rewind is just resetting the position.
final class FileRegionBodyProducer: HTTPBodyProducer {
    private let descriptor: Int32
    private let offset: Int64
    private let total: Int64
    private var position: Int64 = 0
    private let path: String

    init(path: String, offset: Int64, length: Int64) throws {
        guard offset >= 0, length >= 0 else {
            throw BodySourceError("file region offset and length must not be negative")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BodySourceError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int64(info.st_size) >= offset + length else {
            close(descriptor)
            throw BodySourceError("\(path) is shorter than offset \(offset) + length \(length)")
        }
        self.descriptor = descriptor
        self.offset = offset
        self.total = length
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    var length: Int64? { total }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> HTTPBodyReadResult {
        let wanted = Int(min(Int64(buffer.count), total - position))
        guard wanted > 0 else { return .end }
        while true {
            let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset + position))
            if count > 0 {
                position += Int64(count)
                return .bytes(count)
            }
            if count < 0, errno == EINTR { continue }
            if count == 0 {
                return .failed("\(path) ended \(total - position) bytes before the declared region end")
            }
            return .failed("reading \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    func rewind() -> Bool {
        position = 0
        return true
    }
}
