/// The canonical query string: every parameter re-encoded per SigV4, sorted by key then value.
struct CanonicalQuery {
    /// Encoded keys and values share one buffer so a query costs two allocations, not two per
    /// parameter.
    private(set) var storage: [UInt8] = []
    private(set) var pairs: [(key: Range<Int>, value: Range<Int>)] = []

    init() {}

    /// Adds the parameters of a raw (wire) query string. Empty `&&` segments carry no parameter
    /// and are skipped; a parameter without `=` has an empty value.
    mutating func add(rawQuery: ArraySlice<UInt8>) {
        guard !rawQuery.isEmpty else { return }
        for segment in rawQuery.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = segment.firstIndex(of: UInt8(ascii: "="))
            let keyStart = storage.count
            PercentEncoding.reencode(segment[segment.startIndex..<(equals ?? segment.endIndex)], to: &storage)
            let valueStart = storage.count
            if let equals { PercentEncoding.reencode(segment[(equals + 1)...], to: &storage) }
            pairs.append((keyStart..<valueStart, valueStart..<storage.count))
        }
    }

    /// Adds one parameter given raw (unencoded) key and value bytes.
    mutating func add<K: Collection<UInt8>, V: Collection<UInt8>>(key: K, value: V) {
        let keyStart = storage.count
        PercentEncoding.encode(key, to: &storage)
        let valueStart = storage.count
        PercentEncoding.encode(value, to: &storage)
        pairs.append((keyStart..<valueStart, valueStart..<storage.count))
    }

    /// The encoded bytes of a parameter's key or value.
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> { storage[range] }

    /// Appends `k=v&k=v...` in canonical order.
    func appendSorted(to output: inout [UInt8]) {
        guard !pairs.isEmpty else { return }
        storage.withUnsafeBufferPointer { buffer in
            let order = pairs.indices.sorted { lhs, rhs in
                let left = pairs[lhs], right = pairs[rhs]
                let leftKey = UnsafeBufferPointer(rebasing: buffer[left.key])
                let rightKey = UnsafeBufferPointer(rebasing: buffer[right.key])
                if !leftKey.elementsEqual(rightKey) { return leftKey.lexicographicallyPrecedes(rightKey) }
                return UnsafeBufferPointer(rebasing: buffer[left.value])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: buffer[right.value]))
            }
            for (position, index) in order.enumerated() {
                if position > 0 { output.append(UInt8(ascii: "&")) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[pairs[index].key]))
                output.append(UInt8(ascii: "="))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[pairs[index].value]))
            }
        }
    }
}
