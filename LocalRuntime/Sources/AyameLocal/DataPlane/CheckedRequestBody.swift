import AyameSigV4
import Synchronization

/// A request body passed on to a container as it arrives, checked on the way: against the
/// `X-Amz-Content-SHA256` the client signed (unless it signed `UNSIGNED-PAYLOAD`) and against
/// InvokeEndpoint's size limit. The last chunk is held back until the body is complete and
/// checked, so a body that fails never reaches the container whole: the upload to the
/// container fails instead, and ``failure`` says why.
struct CheckedRequestBody: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    enum Refusal: Error, Sendable, Equatable {
        /// The body's SHA-256 is not the signed one.
        case contentMismatch
        /// The body grew past the limit.
        case tooLarge(limit: Int)
    }

    let source: RequestBodyStream
    /// The lowercase hex SHA-256 the body must have; nil to skip the check.
    let expectedSHA256: String?
    let limit: Int
    private let box: RefusalBox

    init(source: RequestBodyStream, expectedSHA256: String?, limit: Int) {
        self.source = source
        self.expectedSHA256 = expectedSHA256?.lowercased()
        self.limit = limit
        self.box = RefusalBox()
    }

    /// Why the body was refused, once it has been.
    var failure: Refusal? { box.value }

    func makeAsyncIterator() -> Iterator {
        Iterator(source: source.makeAsyncIterator(), expectedSHA256: expectedSHA256, limit: limit, box: box)
    }

    /// Shared between the sequence the handler holds and the iterator the upload runs.
    final class RefusalBox: Sendable {
        private let state = Mutex<Refusal?>(nil)
        var value: Refusal? { state.withLock { $0 } }
        func record(_ failure: Refusal) { state.withLock { $0 = failure } }
    }

    /// Owns the running hash (libcrypto's context cannot be copied).
    final class Digest {
        var hasher: SHA256Hasher? = SHA256Hasher()
        func update(_ bytes: [UInt8]) { hasher?.update(bytes) }
        func finish() -> String { hasher.take()?.finalize().hex ?? "" }
    }

    struct Iterator: AsyncIteratorProtocol {
        var source: RequestBodyStream.AsyncIterator
        let expectedSHA256: String?
        let limit: Int
        let box: RefusalBox
        let digest = Digest()
        var held: [UInt8]?
        var count = 0
        var done = false

        init(source: RequestBodyStream.AsyncIterator, expectedSHA256: String?, limit: Int, box: RefusalBox) {
            self.source = source
            self.expectedSHA256 = expectedSHA256
            self.limit = limit
            self.box = box
        }

        mutating func next() async throws -> [UInt8]? {
            guard !done else { return nil }
            while let chunk = await source.next() {
                guard !chunk.isEmpty else { continue }
                count += chunk.count
                if count > limit { return try fail(.tooLarge(limit: limit)) }
                if expectedSHA256 != nil { digest.update(chunk) }
                if let previous = held {
                    held = chunk
                    return previous
                }
                held = chunk
            }
            done = true
            if let expectedSHA256, digest.finish() != expectedSHA256 { return try fail(.contentMismatch) }
            let last = held
            held = nil
            return last
        }

        private mutating func fail(_ failure: Refusal) throws -> [UInt8]? {
            done = true
            box.record(failure)
            throw failure
        }
    }
}
