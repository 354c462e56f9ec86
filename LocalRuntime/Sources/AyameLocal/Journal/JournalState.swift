import Foundation

/// The state the journal's records add up to: the control plane to rebuild, the requests still
/// to finish (in acceptance order) and the containers that may still run.
struct JournalState: Sendable {
    /// An accepted request that has not finished: not written yet, or written with its
    /// notification not yet sent.
    struct UnfinishedRequest: Sendable {
        let sequence: Int
        let invocation: AsyncInvocation
        /// Set once the result is written: the notification still to send.
        var pendingNotification: PendingNotification?
        var isWritten = false
    }

    private(set) var models: [String: ModelRecord] = [:]
    private(set) var configs: [String: EndpointConfigRecord] = [:]
    private(set) var endpoints: [String: DeployedEndpoint] = [:]
    private var unfinished: [String: UnfinishedRequest] = [:]
    private var containers: Set<ContainerProcessRecord> = []
    private var nextSequence = 0

    mutating func apply(_ record: JournalRecord) {
        switch record {
        case .modelCreated(let model): models[model.name] = model
        case .modelDeleted(let name): models[name] = nil
        case .configCreated(let config): configs[config.name] = config
        case .configDeleted(let name): configs[name] = nil
        case .endpointDeployed(let endpoint): endpoints[endpoint.name] = endpoint
        case .endpointDeleted(let name): endpoints[name] = nil
        case .capacityChanged(let endpoint, let variant, let instances):
            guard var deployed = endpoints[endpoint] else { break }
            deployed.instanceCounts = (deployed.instanceCounts ?? [:]).merging([variant: instances]) { $1 }
            endpoints[endpoint] = deployed
        case .requestAccepted(let invocation):
            unfinished[invocation.inferenceId] = UnfinishedRequest(sequence: nextSequence, invocation: invocation)
            nextSequence += 1
        case .resultWritten(let inferenceId, let notification):
            if notification == nil {
                unfinished[inferenceId] = nil
            } else {
                unfinished[inferenceId]?.isWritten = true
                unfinished[inferenceId]?.pendingNotification = notification
            }
        case .notificationSent(let inferenceId): unfinished[inferenceId] = nil
        case .containerStarted(let container): containers.insert(container)
        case .containerStopped(let container): containers.remove(container)
        }
    }

    /// Unfinished requests of endpoints that still exist, oldest first. Requests of a deleted
    /// endpoint went with its queue, as they do while the runtime runs.
    var unfinishedRequests: [UnfinishedRequest] {
        unfinished.values.filter { endpoints[$0.invocation.endpointName] != nil }.sorted { $0.sequence < $1.sequence }
    }

    /// Containers started and never recorded as stopped.
    var containersMaybeRunning: [ContainerProcessRecord] { Array(containers) }

    /// The fewest records that replay to this state, for rewriting the journal at start-up
    /// (after the stale containers are stopped, so they are left out).
    var compactedRecords: [JournalRecord] {
        var records: [JournalRecord] = models.values.map { .modelCreated($0) }
        records += configs.values.map { .configCreated($0) }
        records += endpoints.values.map { .endpointDeployed($0) }
        for request in unfinishedRequests {
            records.append(.requestAccepted(request.invocation))
            if request.isWritten {
                records.append(.resultWritten(inferenceId: request.invocation.inferenceId, notification: request.pendingNotification))
            }
        }
        return records
    }
}
