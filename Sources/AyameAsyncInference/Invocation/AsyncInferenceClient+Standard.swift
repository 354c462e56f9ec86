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
    /// - Throws: ``AsyncInferenceError/invalidArgument(_:)`` for a malformed `inputLocation`, or
    ///   ``AsyncInferenceError/requestFailed(_:)`` with the configuration error of a client.
    public static func standard(
        inputLocation: String, resultNotifications: Bool = false, profile: String? = nil, environment: AWSEnvironment = .process
    ) async throws(AsyncInferenceError) -> AsyncInferenceClient {
        do throws(AyameError) {
            return try await make(inputLocation: inputLocation, resultNotifications: resultNotifications, profile: profile, environment: environment)
        } catch {
            throw AsyncInferenceError(request: error)
        }
    }

    private static func make(
        inputLocation: String, resultNotifications: Bool, profile: String?, environment: AWSEnvironment
    ) async throws(AyameError) -> AsyncInferenceClient {
        let location = try S3ObjectLocation.parse(inputLocation)
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
