import AyameCore
import Synchronization

/// The checksum of one part as its bytes are written, fed on the transport's thread and started
/// over with every attempt.
final class PartDigest: Sendable {
    /// `ChecksumCalculator` is not `Sendable` (it may hold a libcrypto context); the mutex is what
    /// keeps its use to one thread at a time.
    private struct Calculator: @unchecked Sendable {
        var value: ChecksumCalculator
    }

    private let algorithm: ChecksumAlgorithm
    private let calculator: Mutex<Calculator>

    init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        calculator = Mutex(Calculator(value: ChecksumCalculator(algorithm)))
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        calculator.withLock { $0.value.update(bytes) }
    }

    /// Forgets what was fed: a new attempt begins.
    func reset() {
        let fresh = Calculator(value: ChecksumCalculator(algorithm))
        calculator.withLock { $0 = fresh }
    }

    /// The checksum's bytes (big-endian for the CRCs); the digest starts over afterwards.
    func finalize() -> [UInt8] {
        let fresh = Calculator(value: ChecksumCalculator(algorithm))
        return calculator.withLock { calculator in
            let bytes = calculator.value.finalize()
            calculator = fresh
            return bytes
        }
    }
}
