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

    private func overrides(_ region: String) -> ClientConfigurationOverrides {
        ClientConfigurationOverrides(region: region, endpointURL: endpointURL, ignoreConfiguredEndpointURLs: false, maxAttempts: 3)
    }
}
