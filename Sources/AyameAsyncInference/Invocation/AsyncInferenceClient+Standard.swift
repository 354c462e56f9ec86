import AyameCore
import AyameS3
import AyameSNS
import AyameSQS
import AyameSageMaker
import AyameSageMakerRuntime

extension AsyncInferenceClient {
    /// A client whose SageMaker Runtime and S3 clients are configured the way every AWS SDK
    /// configures one (environment and shared config files); inputs are uploaded under
    /// `inputLocation` (`s3://bucket/prefix`).
    ///
    /// With `resultNotifications`, results of endpoints whose configuration has SNS topics are
    /// awaited through an SQS queue the client creates and subscribes on first use (see
    /// ``ResultNotifications``); call ``shutdown()`` when done to delete it.
    ///
    /// - Throws: `AyameError.validation(_:)` for a malformed `inputLocation`, or the
    ///   configuration error of a client.
    public static func standard(
        inputLocation: String, resultNotifications: Bool = false, profile: String? = nil, environment: AWSEnvironment = .process
    ) async throws(AyameError) -> AsyncInferenceClient {
        let location = try S3ObjectLocation(uri: inputLocation)
        let notifications: ResultNotifications? = resultNotifications
            ? ResultNotifications(
                sageMaker: try await .standard(profile: profile, environment: environment),
                sns: try await .standard(profile: profile, environment: environment),
                sqs: try await .standard(profile: profile, environment: environment))
            : nil
        return AsyncInferenceClient(
            runtime: try await .standard(profile: profile, environment: environment),
            s3: try await .standard(profile: profile, environment: environment),
            inputLocation: location, notifications: notifications)
    }
}
