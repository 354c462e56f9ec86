/// Any async sequence of byte chunks behind one type: what a streamed response body is, whatever
/// produced it (the transport, a test transport, a checksum check wrapped around either).
///
/// Iterate once: the chunks come from a single network transfer.
public struct AnyByteChunks: AsyncSequence, Sendable {
    /// A chunk of bytes, in order.
    public typealias Element = [UInt8]

    private let make: @Sendable () -> Iterator

    /// Wraps `base`.
    public init<Base: AsyncSequence & Sendable>(_ base: Base) where Base.Element == [UInt8] {
        make = { Iterator(base.makeAsyncIterator()) }
    }

    /// Chunks already in memory.
    public init(_ chunks: [[UInt8]]) {
        self.init(ChunkList(chunks: chunks))
    }

    /// Returns the iterator; create only one.
    public func makeAsyncIterator() -> Iterator {
        make()
    }

    /// Reads every remaining chunk into one array: only for bodies known to be small.
    public func collect() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self { bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// Pulls chunks from the wrapped sequence.
    public struct Iterator: AsyncIteratorProtocol {
        private let nextChunk: () async throws -> [UInt8]?

        init<Base: AsyncIteratorProtocol>(_ base: Base) where Base.Element == [UInt8] {
            var base = base
            nextChunk = { try await base.next() }
        }

        /// The next chunk, or nil at the end.
        public mutating func next() async throws -> [UInt8]? {
            try await nextChunk()
        }
    }
}

/// A fixed list of chunks as an async sequence.
struct ChunkList: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let chunks: [[UInt8]]

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks[...]) }

    struct Iterator: AsyncIteratorProtocol {
        var chunks: ArraySlice<[UInt8]>

        mutating func next() async -> [UInt8]? {
            while let first = chunks.popFirst() {
                if !first.isEmpty { return first }
            }
            return nil
        }
    }
}
