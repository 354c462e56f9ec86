import AyameCore

/// Why an ``AsyncEndpointBuilder`` call stopped, with enough to act on without reading logs:
/// the spec problems, the step that failed and its AWS error, and what was rolled back.
public enum AsyncEndpointBuilderError: Error, Sendable, CustomStringConvertible {
    /// The spec is invalid; no request was sent.
    case invalidSpec(AsyncEndpointSpecError)
    /// Reading the current state of a resource failed (plan, or the start of apply/teardown);
    /// nothing was changed.
    case readFailed(resource: DeploymentResource, underlying: AyameError)
    /// A step of apply failed. Everything this apply had created was removed in reverse order
    /// (an endpoint it had re-pointed is pointed back) before this was thrown.
    case stepFailed(StepFailure)
    /// Teardown could not delete a resource (an error other than "already gone").
    case teardownFailed(resource: DeploymentResource, underlying: AyameError, removed: [DeploymentResource])

    /// A failed apply step and the rollback that followed.
    public struct StepFailure: Sendable, CustomStringConvertible {
        /// The resource whose step failed.
        public let resource: DeploymentResource
        /// What the step was doing.
        public let action: DeploymentEvent.Action
        /// The error the service or the client gave.
        public let underlying: AyameError
        /// SageMaker's `FailureReason` when the step failed because the endpoint went to
        /// `Failed` (the container exited, the image could not be pulled, `/ping` never
        /// answered, …); nil for other failures.
        public let endpointFailureReason: String?
        /// Resources this apply created and then removed (or reverted), in the order undone.
        public let rolledBack: [DeploymentResource]
        /// Rollback actions that failed themselves, with their errors; these resources remain.
        public let rollbackFailures: [String]

        public var description: String {
            var text = "Deployment step \"\(action.rawValue) \(resource)\" failed: \(ErrorText.clause(underlying))."
            if let endpointFailureReason { text += " SageMaker's FailureReason: \(ErrorText.clause(endpointFailureReason))." }
            text += rolledBack.isEmpty
                ? " Nothing had been created, so nothing was rolled back."
                : " Rolled back: \(rolledBack.map(\.description).joined(separator: ", "))."
            if !rollbackFailures.isEmpty {
                text += " Rollback could not undo (remove by hand or run teardown): \(rollbackFailures.joined(separator: "; "))."
            }
            return text
        }
    }

    public var description: String {
        switch self {
        case .invalidSpec(let error): error.description
        case .readFailed(let resource, let underlying): "Could not read the current state of \(resource): \(ErrorText.clause(underlying)). Nothing was changed."
        case .stepFailed(let failure): failure.description
        case .teardownFailed(let resource, let underlying, let removed):
            "Teardown could not delete \(resource): \(ErrorText.clause(underlying)). Already removed: "
                + (removed.isEmpty ? "nothing" : removed.map(\.description).joined(separator: ", ")) + "."
        }
    }
}
