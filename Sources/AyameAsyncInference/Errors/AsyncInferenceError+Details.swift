import AyameCore

extension AsyncInferenceError {
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

    /// One problem of an ``AsyncEndpointSpec``: the field (a path such as
    /// `variants[0].instanceType`) and what is wrong with it.
    public struct SpecProblem: Sendable, Equatable, CustomStringConvertible {
        /// The field's path in the spec.
        public let field: String
        /// What the field must be.
        public let requirement: String

        /// Creates a problem.
        public init(field: String, requirement: String) {
            self.field = field
            self.requirement = requirement
        }

        public var description: String { "\(field): \(requirement)" }
    }
}
