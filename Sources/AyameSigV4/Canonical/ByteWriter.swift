/// A growable byte buffer written through a raw pointer.
///
/// The canonical request is built byte by byte; `Array.append` re-checks uniqueness and
/// capacity on every byte, which profiling showed cost more than all of the hashing. Capacity
/// is estimated up front, so the grow path is cold. Non-copyable: it owns its allocation.
struct ByteWriter: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Runs `body` with the bytes of `range`. The pointer is valid only inside `body`, while the
    /// writer is borrowed: a pointer handed out by a getter would outlive the borrow, and a
    /// non-copyable value's lifetime may end (and its deinit free the memory) right after its
    /// last use.
    borrowing func withBytes<Result: ~Copyable, Failure: Error>(
        in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range outside the written bytes")
        return try body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Whether the bytes of two ranges of this buffer are equal.
    borrowing func bytesEqual(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        withBytes(in: first) { a in withBytes(in: second) { b in a.elementsEqual(b) } }
    }

    /// The bytes of `range` as a string.
    borrowing func string(_ range: Range<Int>) -> String {
        withBytes(in: range) { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends the bytes of `range` of another buffer.
    mutating func append(_ range: Range<Int>, of other: borrowing ByteWriter) {
        other.withBytes(in: range) { append($0) }
    }

    @inline(__always)
    mutating func reserve(_ additional: Int) {
        if count + additional > capacity { grow(to: count + additional) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends without a capacity check; the caller reserved room.
    @inline(__always)
    mutating func appendReserved(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(bytes))
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends the bytes of `range` already in this buffer (used to copy within it).
    mutating func appendOwn(_ range: Range<Int>) {
        reserve(range.count)
        (base + count).update(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    mutating func truncate(to newCount: Int) {
        count = newCount
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Lower-case hex of `bytes` (digests and signatures), by table.
    mutating func appendHex(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count * 2)
        let table = Self.hexDigits.utf8Start
        var out = base + count
        for byte in bytes {
            out[0] = table[Int(byte >> 4)]
            out[1] = table[Int(byte & 0x0F)]
            out += 2
        }
        count += bytes.count * 2
    }

    mutating func appendHex(_ digest: SHA256Digest) {
        digest.withUnsafeBytes { appendHex($0) }
    }
}
