import Foundation

/// One AWS resource an ``AsyncEndpointBuilder`` manages, named the way its service names it, so
/// plans, events and errors say exactly which resource they mean.
public enum DeploymentResource: Sendable, Hashable, CustomStringConvertible {
    /// A SageMaker model.
    case model(String)
    /// A SageMaker endpoint configuration (a versioned one is `<name>-vN`).
    case endpointConfig(String)
    /// A SageMaker endpoint.
    case endpoint(String)
    /// The Application Auto Scaling target of one variant (`endpoint/<endpoint>/variant/<variant>`).
    case scalableTarget(resourceID: String)
    /// A scaling policy attached to one variant's scalable target.
    case scalingPolicy(name: String, resourceID: String)
    /// A CloudWatch metric alarm.
    case alarm(String)

    public var description: String {
        switch self {
        case .model(let name): "model \(name)"
        case .endpointConfig(let name): "endpoint configuration \(name)"
        case .endpoint(let name): "endpoint \(name)"
        case .scalableTarget(let id): "scalable target \(id)"
        case .scalingPolicy(let name, let id): "scaling policy \(name) on \(id)"
        case .alarm(let name): "alarm \(name)"
        }
    }
}

/// What a plan does to one resource.
public enum PlannedAction: Sendable, Equatable, CustomStringConvertible {
    /// The resource does not exist and will be created.
    case create
    /// The resource exists but differs from the spec; each string names one difference
    /// (`variants[AllTraffic].instanceType: ml.m5.large -> ml.m5.xlarge`).
    case update(differences: [String])
    /// The resource exists exactly as described; nothing is sent for it.
    case keep
    /// The resource exists but the spec no longer describes it, so it will be removed.
    case delete
    /// The resource exists but cannot be repaired in place (an endpoint in `Failed`, which
    /// SageMaker will not update): it is deleted, then created again.
    case recreate(reason: String)
    /// The variant's scaling (target and policies) is taken down before the endpoint update and
    /// put back after it: AWS refuses an UpdateEndpoint that changes the instance type of a
    /// variant registered with Application Auto Scaling.
    case reregister(reason: String)

    public var description: String {
        switch self {
        case .create: "create"
        case .update(let differences): "update (\(differences.joined(separator: "; ")))"
        case .keep: "keep"
        case .delete: "delete"
        case .recreate(let reason): "delete and create again (\(reason))"
        case .reregister(let reason): "remove before the endpoint update and put back after it (\(reason))"
        }
    }
}

/// One resource and what the plan does to it.
public struct PlannedStep: Sendable, Equatable, CustomStringConvertible {
    /// The resource.
    public let resource: DeploymentResource
    /// What happens to it.
    public let action: PlannedAction

    /// Creates a step.
    public init(resource: DeploymentResource, action: PlannedAction) {
        self.resource = resource
        self.action = action
    }

    public var description: String { "\(action): \(resource)" }
}

/// What ``AsyncEndpointBuilder/apply()`` would do now, computed from Describe calls only, so it can
/// be shown for review before anything changes.
public struct DeploymentPlan: Sendable, Equatable, CustomStringConvertible {
    /// Every managed resource in the order apply handles it (dependencies first).
    public let steps: [PlannedStep]

    /// Creates a plan.
    public init(steps: [PlannedStep]) { self.steps = steps }

    /// True when every step is ``PlannedAction/keep``: applying would send no change.
    public var changesNothing: Bool { steps.allSatisfy { $0.action == .keep } }

    public var description: String { steps.map(\.description).joined(separator: "\n") }
}

/// Progress of ``AsyncEndpointBuilder/apply()``, one event when a step starts and one when it
/// ends, so a caller can show a long deployment (the endpoint alone takes minutes) as it happens.
public struct DeploymentEvent: Sendable, Equatable, CustomStringConvertible {
    /// What is done to the resource.
    public enum Action: String, Sendable, Equatable {
        /// The resource is created.
        case create
        /// The resource is changed in place (scaling target, policy, alarm overwritten) or the
        /// endpoint is pointed at a new configuration.
        case update
        /// The resource already matches; nothing is sent.
        case keep
        /// The resource is removed because the spec no longer describes it.
        case delete
        /// The builder waits for the endpoint to be `InService`.
        case wait
        /// A resource this apply created is removed (or an endpoint update reverted) after a
        /// later step failed.
        case rollback
    }

    /// Where the action stands.
    public enum Status: Sendable, Equatable {
        /// The action began.
        case started
        /// The action finished.
        case succeeded
        /// The action failed; the text is the underlying error.
        case failed(String)
        /// While waiting: the resource reached a new state (an endpoint's status — `Creating`,
        /// `Updating`, `InService`, `Deleting` — as SageMaker reports it).
        case progress(String)
    }

    /// The resource acted on.
    public let resource: DeploymentResource
    /// The action.
    public let action: Action
    /// Where it stands.
    public let status: Status
    /// Time since apply started.
    public let elapsed: Duration

    /// Creates an event.
    public init(resource: DeploymentResource, action: Action, status: Status, elapsed: Duration) {
        self.resource = resource
        self.action = action
        self.status = status
        self.elapsed = elapsed
    }

    public var description: String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let state = switch status {
        case .started: "started"
        case .succeeded: "done"
        case .failed(let reason): "failed: \(reason)"
        case .progress(let state): state
        }
        return String(format: "[%7.1fs] ", seconds) + "\(action.rawValue) \(resource): \(state)"
    }
}

/// What ``AsyncEndpointBuilder/teardown()`` removed and what was already gone.
public struct TeardownReport: Sendable, Equatable {
    /// Resources deleted by this teardown, in the order they were deleted.
    public let removed: [DeploymentResource]
    /// Resources that did not exist (deleted earlier or never created).
    public let alreadyGone: [DeploymentResource]

    /// Creates a report.
    public init(removed: [DeploymentResource], alreadyGone: [DeploymentResource]) {
        self.removed = removed
        self.alreadyGone = alreadyGone
    }
}
