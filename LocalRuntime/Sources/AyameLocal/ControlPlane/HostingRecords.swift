import Foundation

/// A model as CreateModel described it: what the runtime needs to start its container.
struct ModelRecord: Sendable, Codable {
    var name: String
    var arn: String
    var image: String
    var modelDataURL: String?
    var environment: [String: String]
}

/// One production variant of an endpoint configuration.
struct VariantConfiguration: Sendable, Codable {
    var name: String
    var modelName: String
    var initialInstanceCount: Int
    var initialWeight: Double
    var instanceType: String?
    /// `ContainerStartupHealthCheckTimeoutInSeconds`, in AWS seconds.
    var healthCheckTimeout: Double?
}

/// `AsyncInferenceConfig` as the data plane uses it.
struct AsyncInferenceSettings: Sendable, Codable {
    var outputPath: String
    var failurePath: String?
    var successTopic: String?
    var errorTopic: String?
    /// `SUCCESS_NOTIFICATION_TOPIC` and/or `ERROR_NOTIFICATION_TOPIC`.
    var includeResponseIn: Set<String>
    var maxConcurrentInvocationsPerInstance: Int
    /// The configuration as the client sent it, echoed by DescribeEndpoint.
    var document: Data
}

/// An endpoint configuration as CreateEndpointConfig described it.
struct EndpointConfigRecord: Sendable, Codable {
    var name: String
    var arn: String
    var variants: [VariantConfiguration]
    var asyncInference: AsyncInferenceSettings?

    /// This configuration with each named variant's initial instance count replaced.
    func withInstanceCounts(_ counts: [String: Int]?) -> EndpointConfigRecord {
        guard let counts else { return self }
        var copy = self
        for index in copy.variants.indices {
            if let count = counts[copy.variants[index].name] { copy.variants[index].initialInstanceCount = count }
        }
        return copy
    }
}

/// Endpoint statuses as DescribeEndpoint spells them.
enum EndpointStatus: String, Sendable {
    case creating = "Creating"
    case inService = "InService"
    case updating = "Updating"
    case deleting = "Deleting"
    case failed = "Failed"
    case updateRollbackFailed = "UpdateRollbackFailed"
}

/// What DescribeEndpoint reports for one variant.
struct VariantStatus: Sendable {
    var name: String
    var image: String
    var currentInstanceCount: Int
    var desiredInstanceCount: Int
    var currentWeight: Double
    var desiredWeight: Double
}

/// An endpoint's observable state.
struct EndpointRecord: Sendable {
    var name: String
    var arn: String
    var region: String
    var configName: String
    var status: EndpointStatus
    var failureReason: String?
    var creationTime: Date
    var lastModifiedTime: Date
    var variants: [VariantStatus]
}
