import AyameCore
import Foundation

/// How one request of ``AsyncInferenceClient/submitAll(endpointName:payloads:options:maxConcurrency:polling:)`` ended.
public struct InferenceOutcome: Sendable {
    /// The position of the payload in the array passed in.
    public let index: Int
    /// The handle, when the submission itself succeeded (so a timed-out request can be waited
    /// for again).
    public let handle: InferenceHandle?
    /// The output bytes, or why there are none: an `AyameError` from submitting or an
    /// ``InferenceError`` from waiting.
    public let result: Result<Data, any Error>
}

extension AsyncInferenceClient {
    /// Submits every payload and waits for each result, at most `maxConcurrency` requests in
    /// flight, yielding outcomes in the order they complete.
    ///
    /// One request failing does not stop the others: each outcome carries its own `Result`.
    /// `options` apply to every request, except that a set `inferenceID` gets `-<index>` appended
    /// so the uploaded inputs do not overwrite each other. Cancelling the Task that iterates the
    /// stream cancels the requests still running and starts no more (merely dropping the stream
    /// does not: the work holds it open). A `maxConcurrency` below 1 counts as 1.
    public func submitAll(
        endpointName: String, payloads: [InferencePayload], options: InvocationOptions = InvocationOptions(),
        maxConcurrency: Int = 4, polling: PollingPolicy = PollingPolicy()
    ) -> AsyncStream<InferenceOutcome> {
        boundedStream(count: payloads.count, maxConcurrency: maxConcurrency) { index in
            var own = options
            if let id = options.inferenceID { own.inferenceID = "\(id)-\(index)" }
            return await self.run(index: index, endpointName: endpointName, payload: payloads[index], options: own, polling: polling)
        }
    }

    private func run(
        index: Int, endpointName: String, payload: InferencePayload, options: InvocationOptions, polling: PollingPolicy
    ) async -> InferenceOutcome {
        let handle: InferenceHandle
        do {
            handle = try await submit(endpointName: endpointName, payload: payload, options: options)
        } catch {
            return InferenceOutcome(index: index, handle: nil, result: .failure(error))
        }
        do {
            return InferenceOutcome(index: index, handle: handle, result: .success(try await result(for: handle, polling: polling)))
        } catch {
            return InferenceOutcome(index: index, handle: handle, result: .failure(error))
        }
    }
}

/// Runs `body` for every index in `0..<count`, at most `maxConcurrency` (at least 1) at a time,
/// yielding each value as soon as it is ready. When the stream terminates early (its consumer's
/// Task is cancelled) the work still running is cancelled and nothing new starts. Separate from the client so the bound can be tested without a network.
func boundedStream<T: Sendable>(
    count: Int, maxConcurrency: Int, body: @escaping @Sendable (Int) async -> T
) -> AsyncStream<T> {
    AsyncStream { continuation in
        let work = Task {
            await withTaskGroup(of: T.self) { group in
                var next = 0
                // Start one child per free slot, and another each time one finishes.
                func startNext() {
                    guard next < count, !Task.isCancelled else { return }
                    let index = next
                    next += 1
                    group.addTask { await body(index) }
                }
                for _ in 0..<max(1, maxConcurrency) { startNext() }
                for await value in group {
                    continuation.yield(value)
                    startNext()
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in work.cancel() }
    }
}
