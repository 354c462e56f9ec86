/// The headers that take part in a signature, in canonical form.
struct CanonicalHeaders: ~Copyable {
    /// Lower-cased names and trimmed values share one buffer (two allocations per request).
    private var storage: ByteWriter
    private var entries: [(name: Range<Int>, value: Range<Int>)] = []

    init(capacity: Int, bytes: Int) {
        storage = ByteWriter(capacity: bytes)
        entries.reserveCapacity(capacity)
    }

    /// Names SigV4 never signs: hop-by-hop headers a proxy may change or drop, `user-agent`
    /// and `x-amzn-trace-id` that tooling rewrites, and `authorization` which carries the result.
    /// (botocore's `SIGNED_HEADERS_BLACKLIST` plus `authorization`, which botocore removes
    /// before signing instead.)
    static func isNeverSigned(lowercasedName name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: return name.elementsEqual("te".utf8)
        case 6: return name.elementsEqual("expect".utf8)
        case 7: return name.elementsEqual("trailer".utf8) || name.elementsEqual("upgrade".utf8)
        case 10: return name.elementsEqual("connection".utf8) || name.elementsEqual("keep-alive".utf8) || name.elementsEqual("user-agent".utf8)
        case 13: return name.elementsEqual("authorization".utf8)
        case 15: return name.elementsEqual("x-amzn-trace-id".utf8)
        case 17: return name.elementsEqual("transfer-encoding".utf8)
        case 18: return name.elementsEqual("proxy-authenticate".utf8)
        case 19: return name.elementsEqual("proxy-authorization".utf8)
        default: return false
        }
    }

    /// Lower-cases `name` into the buffer and returns its range, so the caller can classify it
    /// before keeping it (``commit(name:value:)``) or dropping it (``discard(from:)``).
    mutating func appendName(_ name: String) -> Range<Int> {
        let start = storage.count
        var name = name
        name.withUTF8 { bytes in
            storage.reserve(bytes.count)
            for byte in bytes { storage.appendReserved(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        }
        return start..<storage.count
    }

    /// Runs `body` with the lower-cased name at `range`; the pointer does not outlive `body`.
    func withName<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withBytes(in: range, body)
    }

    mutating func discard(from start: Int) {
        storage.truncate(to: start)
    }

    /// Adds `value` trimmed and with inner whitespace runs collapsed to one space (SigV4's
    /// Trimall, with the ASCII whitespace set of Python's `str.split()`, which botocore uses).
    mutating func commit(name: Range<Int>, value: String) {
        let start = storage.count
        var value = value
        value.withUTF8 { bytes in
            storage.reserve(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F) {
                    pendingSpace = storage.count > start
                } else {
                    if pendingSpace { storage.appendReserved(0x20); pendingSpace = false }
                    storage.appendReserved(byte)
                }
            }
        }
        entries.append((name, start..<storage.count))
    }

    /// Adds a header whose name is already lower case; `value` writes the canonical value.
    mutating func commit(lowercasedName: StaticString, value: (inout ByteWriter) -> Void) {
        let nameStart = storage.count
        storage.append(lowercasedName)
        let valueStart = storage.count
        value(&storage)
        entries.append((nameStart..<valueStart, valueStart..<storage.count))
    }

    /// Sorts by name; stable, so repeated names keep their order. Insertion sort: a request has
    /// a handful of headers.
    mutating func sort() {
        guard entries.count > 1 else { return }
        let base = storage.base
        func name(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        }
        for index in 1..<entries.count {
            let entry = entries[index]
            let key = name(entry.name)
            var position = index
            while position > 0, key.lexicographicallyPrecedes(name(entries[position - 1].name)) {
                entries[position] = entries[position - 1]
                position -= 1
            }
            entries[position] = entry
        }
    }

    /// Appends `name:v1,v2\n` lines (sorted first with ``sort()``).
    func appendCanonical(to output: inout ByteWriter) {
        var previous: Range<Int>? = nil
        for entry in entries {
            if let previous, storage.bytesEqual(previous, entry.name) {
                output.append(UInt8(ascii: ","))
            } else {
                if previous != nil { output.append(UInt8(ascii: "\n")) }
                output.append(entry.name, of: storage)
                output.append(UInt8(ascii: ":"))
                previous = entry.name
            }
            output.append(entry.value, of: storage)
        }
        if previous != nil { output.append(UInt8(ascii: "\n")) }
    }

    /// Appends the signed-headers list, `a;b;c` (sorted first with ``sort()``).
    func appendSignedHeaders(to output: inout ByteWriter) {
        var previous: Range<Int>? = nil
        for entry in entries {
            if let previous, storage.bytesEqual(previous, entry.name) { continue }
            if previous != nil { output.append(UInt8(ascii: ";")) }
            output.append(entry.name, of: storage)
            previous = entry.name
        }
    }
}
