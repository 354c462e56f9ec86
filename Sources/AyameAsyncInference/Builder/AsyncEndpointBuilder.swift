import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker
import Synchronization

/// Deploys an ``AsyncEndpointSpec``: the model, the endpoint configuration, the endpoint, and
/// scale-to-zero autoscaling (a scalable target and two policies per variant, one wake-up alarm).
///
/// Declarative, so running it again is safe: ``plan()`` reads what exists and says per resource
/// whether it would be created, updated, kept or deleted; ``apply()`` carries that out, creating
/// nothing that already matches; ``teardown()`` removes it all. The spec is validated before the
/// first request, so a bad spec never leaves half a deployment behind.
///
/// ```swift
/// let builder = AsyncEndpointBuilder(spec: spec, sageMaker: sageMaker, autoScaling: autoScaling, cloudWatch: cloudWatch)
/// print(try await builder.plan())
/// for try await event in builder.apply() { print(event) }
/// ```
public struct AsyncEndpointBuilder: Sendable {
    /// The deployment described.
    public let spec: AsyncEndpointSpec
    /// The client for the model, configurations and endpoint.
    public let sageMaker: SageMakerClient
    /// The client for scalable targets and scaling policies.
    public let autoScaling: ApplicationAutoScalingClient
    /// The client for the wake-up alarm.
    public let cloudWatch: CloudWatchClient
    /// The longest apply waits for the endpoint to be `InService` (creating one takes minutes;
    /// the default of one hour covers large models) before failing and rolling back.
    public var maximumEndpointWait: Duration
    /// How often a wait for the endpoint (InService, deleted) asks `DescribeEndpoint`. The
    /// model's waiters ask every 30 s; 5 s notices a state change sooner (a local runtime
    /// provisions in a second) for a few more calls in a wait that lasts minutes on AWS.
    public var endpointPollInterval: Duration = .seconds(5)

    let names: ResourceNames

    /// Creates a builder; nothing is sent until ``plan()``, ``apply()`` or ``teardown()``.
    public init(
        spec: AsyncEndpointSpec, sageMaker: SageMakerClient, autoScaling: ApplicationAutoScalingClient, cloudWatch: CloudWatchClient,
        maximumEndpointWait: Duration = .seconds(3600)
    ) {
        self.spec = spec
        self.sageMaker = sageMaker
        self.autoScaling = autoScaling
        self.cloudWatch = cloudWatch
        self.maximumEndpointWait = maximumEndpointWait
        self.names = ResourceNames(spec: spec)
    }

    /// What ``apply()`` would do now. Validates the spec, then sends only Describe and List
    /// calls, so it is safe to run against production to review a change.
    ///
    /// - Throws: ``AsyncInferenceError/invalidSpec(problems:)`` (nothing sent) or
    ///   ``AsyncInferenceError/readFailed(resource:underlying:)``.
    public func plan() async throws(AsyncInferenceError) -> DeploymentPlan {
        try validated()
        return try await survey().plan(names)
    }

    /// Brings AWS to the spec, reporting progress as a stream of events; the stream ends when
    /// the deployment is done and throws an ``AsyncInferenceError`` when it is not.
    ///
    /// Resources that already match are kept (no create call). A changed configuration becomes
    /// `<endpointConfigName>-vN` (one past the highest existing version) and the endpoint is
    /// updated to it; scalable targets, policies and the alarm are overwritten in place. When a
    /// step fails, everything this apply created is removed in reverse order (and an endpoint it
    /// re-pointed goes back to its previous configuration) before the error is thrown; what
    /// existed before is never deleted by a rollback. Ending the iteration early cancels the
    /// deployment, which then rolls back the same way.
    ///
    /// Iteration throws ``AsyncInferenceError``, as ``apply(progress:)`` does.
    public func apply() -> DeploymentEvents {
        DeploymentEvents(AsyncThrowingStream { continuation in
            let task = Task {
                do throws(AsyncInferenceError) {
                    try await run { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        })
    }

    /// ``apply()`` for callers that want to await the end rather than iterate: `progress` sees
    /// each event as it happens, and the events are returned too.
    ///
    /// - Throws: ``AsyncInferenceError``; a failed step has been rolled back already.
    @discardableResult
    public func apply(progress: @escaping @Sendable (DeploymentEvent) -> Void) async throws(AsyncInferenceError) -> [DeploymentEvent] {
        let collected = EventLog()
        try await run { event in
            collected.append(event)
            progress(event)
        }
        return collected.events
    }

    func validated() throws(AsyncInferenceError) {
        try spec.validate()
    }
}

/// The events of one apply, appended from the deployment's task and read once it has ended.
final class EventLog: Sendable {
    private let stored = Mutex<[DeploymentEvent]>([])

    func append(_ event: DeploymentEvent) { stored.withLock { $0.append(event) } }
    var events: [DeploymentEvent] { stored.withLock { $0 } }
}
