/// The headers that take part in a signature, in canonical form.
struct CanonicalHeaders {
    /// Lower-cased names and trimmed values share one buffer (two allocations per request).
    private(set) var storage: [UInt8] = []
    private var entries: [(name: Range<Int>, value: Range<Int>)] = []

    init(capacity: Int) {
        storage.reserveCapacity(capacity * 48)
        entries.reserveCapacity(capacity)
    }

    /// Names SigV4 never signs: hop-by-hop headers a proxy may change or drop, `user-agent`
    /// and `x-amzn-trace-id` that tooling rewrites, and `authorization` which carries the result.
    /// (botocore's `SIGNED_HEADERS_BLACKLIST` plus `authorization`, which botocore removes
    /// before signing instead.)
    static func isNeverSigned(lowercasedName name: ArraySlice<UInt8>) -> Bool {
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

    /// Lower-cases `name` into the shared buffer and returns its range, so the caller can
    /// classify it before deciding to keep it (``commit(name:value:)``) or drop it (``discard(from:)``).
    mutating func appendName(_ name: String) -> Range<Int> {
        let start = storage.count
        for byte in name.utf8 { storage.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        return start..<storage.count
    }

    func name(_ range: Range<Int>) -> ArraySlice<UInt8> { storage[range] }

    mutating func discard(from start: Int) {
        storage.removeSubrange(start...)
    }

    /// Adds `value` trimmed and with inner whitespace runs collapsed to one space (SigV4's
    /// Trimall; the same whitespace set as Python's `str.split()` for ASCII, which botocore uses).
    mutating func commit<V: Collection<UInt8>>(name: Range<Int>, value: V) {
        let start = storage.count
        var pendingSpace = false
        for byte in value {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F) {
                pendingSpace = storage.count > start
            } else {
                if pendingSpace { storage.append(0x20); pendingSpace = false }
                storage.append(byte)
            }
        }
        entries.append((name, start..<storage.count))
    }

    /// Adds a header whose name is already lower case and value already canonical.
    mutating func commit(lowercasedName: StaticString, value: UnsafeRawBufferPointer) {
        let nameStart = storage.count
        storage.append(contentsOf: UnsafeBufferPointer(start: lowercasedName.utf8Start, count: lowercasedName.utf8CodeUnitCount))
        let valueStart = storage.count
        storage.append(contentsOf: value)
        entries.append((nameStart..<valueStart, valueStart..<storage.count))
    }

    mutating func commit(lowercasedName: StaticString, value: [UInt8]) {
        value.withUnsafeBytes { commit(lowercasedName: lowercasedName, value: $0) }
    }

    /// Appends `name:v1,v2\n...` then a blank separator line is the caller's job; returns the
    /// signed-headers list (`a;b;c`) through `signedHeaders`.
    mutating func appendCanonical(to output: inout [UInt8], signedHeaders: inout [UInt8]) {
        storage.withUnsafeBufferPointer { buffer in
            // Insertion sort: a request has a handful of headers and the sort must be stable so
            // repeated names keep their order.
            for index in 1..<max(entries.count, 1) {
                let entry = entries[index]
                let key = UnsafeBufferPointer(rebasing: buffer[entry.name])
                var position = index
                while position > 0,
                      key.lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: buffer[entries[position - 1].name])) {
                    entries[position] = entries[position - 1]
                    position -= 1
                }
                entries[position] = entry
            }
            var previous: UnsafeBufferPointer<UInt8>? = nil
            for entry in entries {
                let name = UnsafeBufferPointer(rebasing: buffer[entry.name])
                if let previous, previous.elementsEqual(name) {
                    output.append(UInt8(ascii: ","))
                } else {
                    if previous != nil {
                        output.append(UInt8(ascii: "\n"))
                        signedHeaders.append(UInt8(ascii: ";"))
                    }
                    output.append(contentsOf: name)
                    output.append(UInt8(ascii: ":"))
                    signedHeaders.append(contentsOf: name)
                    previous = name
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[entry.value]))
            }
            if previous != nil { output.append(UInt8(ascii: "\n")) }
        }
    }
}
