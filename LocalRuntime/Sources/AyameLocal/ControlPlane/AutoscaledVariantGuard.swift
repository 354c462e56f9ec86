import Foundation

/// SageMaker refuses an UpdateEndpoint that removes a variant registered as a scalable target
/// with Application Auto Scaling, or changes its instance type: the target has to be
/// deregistered first (SageMaker's "Update endpoints that use auto scaling"). A changed model is
/// allowed. The registrations are the backend's, where the client put them.
struct AutoscaledVariantGuard: Sendable {
    let backend: BackendClients

    /// The ValidationException SageMaker answers with, or nil when the update may go ahead.
    func refusal(region: String, endpoint: String, from current: EndpointConfigRecord?, to next: EndpointConfigRecord) async -> OutgoingResponse? {
        guard let current else { return nil }
        let touched = current.variants.filter { variant in
            guard let replacement = next.variants.first(where: { $0.name == variant.name }) else { return true }
            return replacement.instanceType != variant.instanceType
        }.map(\.name)
        guard !touched.isEmpty else { return nil }
        let registered: Set<String>
        do {
            registered = try await backend.scaling(region: region).registeredVariants(endpoint: endpoint, among: touched)
        } catch {
            // Without the registrations the runtime cannot tell whether AWS would refuse; saying
            // so beats letting through an update AWS might reject.
            return AWSErrorResponse.serviceUnavailable("Could not read the endpoint's scalable targets from the backend: \(error)")
        }
        let refused = touched.filter(registered.contains)
        guard !refused.isEmpty else { return nil }
        return AWSErrorResponse.validation(
            "The variant(s) \"[\(refused.joined(separator: ", "))]\" must be deregistered as scalable targets with AWS Application Auto Scaling before they can be removed or have their instance type updated.")
    }
}
