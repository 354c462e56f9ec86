import Foundation

/// One line of the state journal (`<state dir>/journal.jsonl`). The journal is append-only: what
/// a restarted runtime knows is what these records, replayed in order, add up to.
enum JournalRecord: Codable, Sendable {
    case modelCreated(ModelRecord)
    case modelDeleted(name: String)
    case configCreated(EndpointConfigRecord)
    case configDeleted(name: String)
    /// Written by CreateEndpoint and again when an update switches the configuration.
    case endpointDeployed(DeployedEndpoint)
    case endpointDeleted(name: String)
    /// A variant's instance count changed (autoscaling, UpdateEndpointWeightsAndCapacities): a
    /// restart starts that many instances, not the configuration's initial count.
    case capacityChanged(endpoint: String, variant: String, instances: Int)
    /// On disk (fsync'd) before the 202 answer: an accepted request is never lost.
    case requestAccepted(AsyncInvocation)
    /// The output or failure object is written. It carries the notification still to send, so a
    /// restart sends exactly this message and never runs the request again.
    case resultWritten(inferenceId: String, notification: PendingNotification?)
    case notificationSent(inferenceId: String)
    /// A container process, so a restart can stop the ones a killed runtime left behind.
    case containerStarted(ContainerProcessRecord)
    case containerStopped(ContainerProcessRecord)
}

/// What a restart needs to deploy an endpoint again.
struct DeployedEndpoint: Codable, Sendable {
    var name: String
    var arn: String
    var region: String
    var configName: String
    var creationTime: Date
    /// Instance counts per variant set since the deployment (absent: the configuration's).
    var instanceCounts: [String: Int]? = nil
}

/// An SNS message decided but perhaps not yet published.
struct PendingNotification: Codable, Sendable {
    var topic: String
    var message: String
}

/// A started container process. The start time (clock ticks after boot, from /proc) tells the
/// process apart from a later one that reuses its PID.
struct ContainerProcessRecord: Codable, Sendable, Hashable {
    var processIdentifier: Int32
    var startTime: UInt64
    var endpoint: String
    var instance: String
}
