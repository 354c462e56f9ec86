import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameS3
import AyameSNS
import Foundation

/// The SDK's own clients for the backend, one set per region (SNS topics are regional), made on
/// first use with the credentials of the runtime's process environment.
actor BackendClients {
    private let endpointURL: String
    private let environment: AWSEnvironment
    private var storages: [String: ObjectStorage] = [:]
    private var notifiers: [String: TopicNotifier] = [:]
    private var scalers: [String: ScalingBackend] = [:]

    init(endpointURL: String, environment: AWSEnvironment) {
        self.endpointURL = endpointURL
        self.environment = environment
    }

    func storage(region: String) async throws -> ObjectStorage {
        if let storage = storages[region] { return storage }
        let runtime = try await AWSClientRuntime.standard(
            service: .s3, overrides: overrides(region), environment: environment)
        let storage = ObjectStorage(s3: S3Client(runtime: runtime))
        storages[region] = storage
        return storage
    }

    func notifier(region: String) async throws -> TopicNotifier {
        if let notifier = notifiers[region] { return notifier }
        let runtime = try await AWSClientRuntime.standard(
            service: .sns, overrides: overrides(region), environment: environment)
        let notifier = TopicNotifier(sns: SNSClient(runtime: runtime))
        notifiers[region] = notifier
        return notifier
    }

    func scaling(region: String) async throws -> ScalingBackend {
        if let scaling = scalers[region] { return scaling }
        let autoScaling = try await AWSClientRuntime.standard(
            service: .applicationAutoScaling, overrides: overrides(region), environment: environment)
        let cloudWatch = try await AWSClientRuntime.standard(service: .cloudWatch, overrides: overrides(region), environment: environment)
        let scaling = ScalingBackend(
            autoScaling: ApplicationAutoScalingClient(runtime: autoScaling), cloudWatch: CloudWatchClient(runtime: cloudWatch))
        scalers[region] = scaling
        return scaling
    }

    private func overrides(_ region: String) -> ClientConfigurationOverrides {
        ClientConfigurationOverrides(region: region, endpointURL: endpointURL, ignoreConfiguredEndpointURLs: false, maxAttempts: 3)
    }
}
