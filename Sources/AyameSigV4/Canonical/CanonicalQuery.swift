/// The canonical query string: every parameter re-encoded per SigV4, sorted by key then value.
struct CanonicalQuery: ~Copyable {
    /// Encoded keys and values share one buffer: two allocations per query, not two per parameter.
    private var storage = ByteWriter(capacity: 256)
    private var pairs: [(key: Range<Int>, value: Range<Int>)] = []

    init() {}

    /// Adds the parameters of a raw (wire) query string. Empty `&&` segments carry no parameter
    /// and are skipped; a parameter without `=` has an empty value.
    mutating func add(rawQuery: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0...rawQuery.count where index == rawQuery.count || rawQuery[index] == UInt8(ascii: "&") {
            if index > start {
                let segment = UnsafeBufferPointer(rebasing: rawQuery[start..<index])
                let equals = segment.firstIndex(of: UInt8(ascii: "=")) ?? segment.count
                let keyStart = storage.count
                PercentEncoding.reencode(UnsafeBufferPointer(rebasing: segment[..<equals]), to: &storage)
                let valueStart = storage.count
                if equals < segment.count {
                    PercentEncoding.reencode(UnsafeBufferPointer(rebasing: segment[(equals + 1)...]), to: &storage)
                }
                pairs.append((keyStart..<valueStart, valueStart..<storage.count))
            }
            start = index + 1
        }
    }

    /// Adds one parameter from raw (unencoded) key and value bytes.
    mutating func add<K: Collection<UInt8>, V: Collection<UInt8>>(key: K, value: V) {
        let keyStart = storage.count
        PercentEncoding.encode(key, to: &storage)
        let valueStart = storage.count
        PercentEncoding.encode(value, to: &storage)
        pairs.append((keyStart..<valueStart, valueStart..<storage.count))
    }

    /// Appends `k=v&k=v...` in canonical order (byte order of the encoded key, then value).
    mutating func appendSorted(to output: inout ByteWriter) {
        let base = storage.base
        func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        }
        pairs.sort { left, right in
            let leftKey = bytes(left.key), rightKey = bytes(right.key)
            if !leftKey.elementsEqual(rightKey) { return leftKey.lexicographicallyPrecedes(rightKey) }
            return bytes(left.value).lexicographicallyPrecedes(bytes(right.value))
        }
        for (position, pair) in pairs.enumerated() {
            if position > 0 { output.append(UInt8(ascii: "&")) }
            output.append(bytes(pair.key))
            output.append(UInt8(ascii: "="))
            output.append(bytes(pair.value))
        }
    }
}
