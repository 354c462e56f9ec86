import AyameHTTP
import Synchronization

/// Passes a body's chunks through while checksumming them; at the end of the body it throws
/// `AyameError.decoding` if the checksum differs from the one the service sent.
struct ChecksumValidatingChunks: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let base: AnyByteChunks
    let check: FlexibleChecksums.ResponseCheck

    func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), check: check, calculator: ChecksumCalculator(check.algorithm))
    }

    struct Iterator: AsyncIteratorProtocol {
        var base: AnyByteChunks.Iterator
        let check: FlexibleChecksums.ResponseCheck
        var calculator: ChecksumCalculator
        var done = false

        mutating func next() async throws -> [UInt8]? {
            guard !done else { return nil }
            guard let chunk = try await base.next() else {
                done = true
                if let mismatch = check.mismatch(actual: calculator.finalizeBase64()) {
                    throw AyameError.decoding("\(mismatch): the data was corrupted in transit; read the object again")
                }
                return nil
            }
            calculator.update(chunk)
            return chunk
        }
    }
}

/// The checksum of a body written to a file, fed on the transport's thread. The algorithm is
/// picked from the response head, so only what the service sent is computed.
final class DownloadChecksum: Sendable {
    private struct State {
        var check: FlexibleChecksums.ResponseCheck?
        var calculator: ChecksumCalculator?
    }

    private let operation: OperationDescriptor
    private let input: ShapeValue?
    // ChecksumCalculator is not Sendable; the lock is what makes handing it between the engine
    // thread and the caller safe.
    private let state = Mutex(UncheckedBox(State()))

    init(operation: OperationDescriptor, input: ShapeValue?) {
        self.operation = operation
        self.input = input
    }

    /// A new attempt's head: starts over with the checksum it carries.
    func start(headers: HTTPHeaders) {
        let fields = headers.map { HTTPHeaderField($0.name, $0.value) }
        let check = FlexibleChecksums.responseCheck(headers: fields, operation: operation, input: input)
        state.withLock { $0.value = State(check: check, calculator: check.map { ChecksumCalculator($0.algorithm) }) }
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        state.withLock { $0.value.calculator?.update(bytes) }
    }

    /// The mismatch, or nil when the body matched or carried no checksum.
    func mismatch() -> String? {
        state.withLock { box in
            guard let check = box.value.check, var calculator = box.value.calculator else { return nil }
            return check.mismatch(actual: calculator.finalizeBase64())
        }
    }
}

/// Lets a non-Sendable value live inside a `Mutex`, which is the only way it is reached.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
