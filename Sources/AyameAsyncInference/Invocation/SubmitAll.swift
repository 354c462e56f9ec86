import AyameCore
import AyameS3
import Foundation

/// How one request of ``AsyncInferenceClient/submitAll(endpointName:payloads:options:maxConcurrency:polling:outputDirectory:)`` ended.
public struct InferenceOutcome: Sendable {
    /// The position of the payload in the array passed in.
    public let index: Int
    /// The handle, when the submission itself succeeded (so a timed-out request can be waited
    /// for again).
    public let handle: InferenceHandle?
    /// The output bytes, or why there are none: what submitting or waiting threw. With an
    /// output directory the bytes are in ``outputFile`` and the data here is empty.
    public let result: Result<Data, AsyncInferenceError>
    /// Where the output was saved, when `submitAll` was given an output directory.
    public let outputFile: String?

    /// An outcome from its parts.
    public init(index: Int, handle: InferenceHandle?, result: Result<Data, AsyncInferenceError>, outputFile: String? = nil) {
        self.index = index
        self.handle = handle
        self.result = result
        self.outputFile = outputFile
    }
}

extension AsyncInferenceClient {
    /// Submits every payload, then delivers each result as it completes.
    ///
    /// Submission and waiting are separate: at most `maxConcurrency` uploads and
    /// `InvokeEndpointAsync` calls run at a time (a `maxConcurrency` below 1 counts as 1), and every
    /// submitted request is awaited at once, so the whole batch is queued on the endpoint together
    /// — which is what lets its backlog-based autoscaling act. Waiting costs a handle per request;
    /// with ``ResultNotifications`` one queue serves all the waits.
    ///
    /// Outputs are read into memory unless `outputDirectory` is given: then each output is
    /// written to `<outputDirectory>/<inference id>.out` (``InferenceOutcome/outputFile``) as it
    /// arrives, by `S3TransferManager.downloadFile` (checksum-verified, parallel when large), so
    /// memory stays bounded however large the outputs and however slowly the stream is read.
    /// A directory that does not exist fails every outcome before anything is submitted.
    ///
    /// One request failing does not stop the others: each outcome carries its own `Result`.
    /// `options` apply to every request, except that a set `inferenceID` gets `-<index>` appended
    /// so the uploaded inputs do not overwrite each other. Cancelling the Task that iterates the
    /// stream cancels the submissions and waits still running and starts no more (merely dropping
    /// the stream does not: the work holds it open).
    public func submitAll(
        endpointName: String, payloads: [InferencePayload], options: InvocationOptions = InvocationOptions(),
        maxConcurrency: Int = 4, polling: PollingPolicy = PollingPolicy(), outputDirectory: String? = nil
    ) -> AsyncStream<InferenceOutcome> {
        if let outputDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: outputDirectory, isDirectory: &isDirectory), isDirectory.boolValue,
                  FileManager.default.isWritableFile(atPath: outputDirectory)
            else {
                let refusal = AsyncInferenceError.invalidArgument(ValidationFailure(
                    shape: "submitAll", member: "outputDirectory(\(outputDirectory))", rule: "must be an existing, writable directory"))
                return AsyncStream { continuation in
                    for index in payloads.indices { continuation.yield(InferenceOutcome(index: index, handle: nil, result: .failure(refusal))) }
                    continuation.finish()
                }
            }
        }
        return submitThenAwait(count: payloads.count, maxSubmissions: maxConcurrency) { index async throws(AsyncInferenceError) -> InferenceHandle in
            var own = options
            if let id = options.inferenceID { own.inferenceID = "\(id)-\(index)" }
            return try await self.submit(endpointName: endpointName, payload: payloads[index], options: own)
        } await: { index, handle in
            do throws(AsyncInferenceError) {
                let output = try await self.awaitOutput(for: handle, polling: polling)
                guard let outputDirectory else {
                    return InferenceOutcome(index: index, handle: handle, result: .success(try await self.read(output, handle: handle)))
                }
                let file = URL(fileURLWithPath: outputDirectory).appendingPathComponent("\(handle.inferenceID).out").path
                try await self.saveOutput(output, to: file, handle: handle)
                return InferenceOutcome(index: index, handle: handle, result: .success(Data()), outputFile: file)
            } catch {
                return InferenceOutcome(index: index, handle: handle, result: .failure(error))
            }
        }
    }
}

/// Submits `count` requests, at most `maxSubmissions` at a time, and awaits each submitted one
/// at once, yielding outcomes as they complete. A failed submission is an outcome of its own.
/// When the stream terminates early (its consumer's Task is cancelled) the work still running
/// is cancelled and nothing new starts.
func submitThenAwait(
    count: Int, maxSubmissions: Int,
    submit: @escaping @Sendable (Int) async throws(AsyncInferenceError) -> InferenceHandle,
    await wait: @escaping @Sendable (Int, InferenceHandle) async -> InferenceOutcome
) -> AsyncStream<InferenceOutcome> {
    enum Step: Sendable {
        case submitted(Int, Result<InferenceHandle, AsyncInferenceError>)
        case finished(InferenceOutcome)
    }
    return AsyncStream { continuation in
        let work = Task {
            await withTaskGroup(of: Step.self) { group in
                var next = 0
                func submitNext() {
                    guard next < count, !Task.isCancelled else { return }
                    let index = next
                    next += 1
                    group.addTask {
                        do throws(AsyncInferenceError) {
                            return .submitted(index, .success(try await submit(index)))
                        } catch {
                            return .submitted(index, .failure(error))
                        }
                    }
                }
                for _ in 0..<max(1, maxSubmissions) { submitNext() }
                for await step in group {
                    switch step {
                    case .submitted(let index, .success(let handle)):
                        submitNext()
                        group.addTask { .finished(await wait(index, handle)) }
                    case .submitted(let index, .failure(let error)):
                        submitNext()
                        continuation.yield(InferenceOutcome(index: index, handle: nil, result: .failure(error)))
                    case .finished(let outcome):
                        continuation.yield(outcome)
                    }
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in work.cancel() }
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
