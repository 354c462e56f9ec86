import Dispatch

/// Runs blocking file work on a Dispatch queue so the cooperative pool's few threads never wait
/// on a disk.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "ayame-local.blocking-io", attributes: .concurrent)

    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
