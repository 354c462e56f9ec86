import AyameCore
import AyameSageMaker

extension AsyncEndpointBuilder {
    /// Polls until the endpoint is `InService` (the model's `EndpointInService` acceptors: a
    /// `Failed` endpoint ends the wait), every ``endpointPollInterval``, for at most
    /// ``maximumEndpointWait``.
    func waitUntilInService(_ endpoint: String, progress: @Sendable (String) -> Void = { _ in }) async throws(AyameError) {
        try await waitForEndpoint(endpoint, SageMakerWaiters.endpointInService, progress: progress)
    }

    /// Polls until the endpoint is gone, like ``waitUntilInService(_:progress:)``.
    func waitUntilDeleted(_ endpoint: String, progress: @Sendable (String) -> Void = { _ in }) async throws(AyameError) {
        try await waitForEndpoint(endpoint, SageMakerWaiters.endpointDeleted, progress: progress)
    }

    /// One attempt of the model's waiter at a time (its acceptors decide success and failure),
    /// every ``endpointPollInterval`` until ``maximumEndpointWait``; each status the endpoint
    /// passes through is reported once, as it is first seen.
    private func waitForEndpoint(
        _ endpoint: String, _ waiter: WaiterDescriptor, progress: @Sendable (String) -> Void
    ) async throws(AyameError) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: maximumEndpointWait)
        var lastStatus: String?
        var attempts = 0
        while true {
            let remaining = clock.now.duration(to: deadline)
            do throws(AyameError) {
                // A single-attempt wait: its acceptors end the loop with success or failure.
                let output = try await sageMaker.runtime.wait(
                    for: waiter, input: SageMaker.DescribeEndpointInput(endpointName: endpoint).shapeValue,
                    maximumWait: max(remaining, .zero), maxAttempts: 1)
                // Success is InService (an output) or, for a deletion, "not found" (no output).
                let final = Self.endpointStatus(output) ?? (lastStatus == nil ? nil : "deleted")
                if let final, final != lastStatus { progress(final) }
                return
            } catch {
                guard case .waiterFailed(let failure) = error, case .attemptsExhausted = failure.reason else { throw error }
                attempts += failure.attempts
                if case .output(let output, _) = failure.lastState, let status = Self.endpointStatus(output), status != lastStatus {
                    lastStatus = status
                    progress(status)
                }
                guard remaining > .zero else {
                    throw .waiterFailed(WaiterFailure(
                        waiter: failure.waiter, operation: failure.operation, reason: .timedOut(after: maximumEndpointWait),
                        lastState: failure.lastState, attempts: attempts))
                }
            }
            do {
                try await clock.sleep(for: min(endpointPollInterval, max(remaining, .milliseconds(1))))
            } catch {
                throw .cancelled
            }
        }
    }

    /// The endpoint's `FailureReason` when it is `Failed`; nil otherwise or when it cannot be read.
    func endpointFailureReason(_ endpoint: String) async -> String? {
        guard let described = try? await sageMaker.describeEndpoint(endpointName: endpoint),
              described.endpointStatus == .failed else { return nil }
        return described.failureReason ?? "no reason given"
    }

    /// `EndpointStatus` of a DescribeEndpoint output tree.
    private static func endpointStatus(_ output: ShapeValue) -> String? {
        guard case .structure(let members) = output, case .string(let status)? = members["EndpointStatus"] else { return nil }
        return status
    }
}
