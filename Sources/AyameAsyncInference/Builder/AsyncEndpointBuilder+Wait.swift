import AyameCore
import AyameSageMaker

extension AsyncEndpointBuilder {
    /// Polls until the endpoint is `InService` (the model's `EndpointInService` acceptors: a
    /// `Failed` endpoint ends the wait), every ``endpointPollInterval``, for at most
    /// ``maximumEndpointWait``.
    func waitUntilInService(_ endpoint: String) async throws(AyameError) {
        try await waitForEndpoint(endpoint, SageMakerWaiters.endpointInService)
    }

    /// Polls until the endpoint is gone, like ``waitUntilInService(_:)``.
    func waitUntilDeleted(_ endpoint: String) async throws(AyameError) {
        try await waitForEndpoint(endpoint, SageMakerWaiters.endpointDeleted)
    }

    private func waitForEndpoint(_ endpoint: String, _ waiter: WaiterDescriptor) async throws(AyameError) {
        // The deadline, not the model's attempt count (sized for 30 s polls), ends the wait.
        _ = try await sageMaker.runtime.wait(
            for: waiter, input: SageMaker.DescribeEndpointInput(endpointName: endpoint).shapeValue,
            maximumWait: maximumEndpointWait, delay: endpointPollInterval, maxAttempts: Int.max)
    }

    /// The endpoint's `FailureReason` when it is `Failed`; nil otherwise or when it cannot be read.
    func endpointFailureReason(_ endpoint: String) async -> String? {
        guard let described = try? await sageMaker.describeEndpoint(endpointName: endpoint),
              described.endpointStatus == .failed else { return nil }
        return described.failureReason ?? "no reason given"
    }
}
