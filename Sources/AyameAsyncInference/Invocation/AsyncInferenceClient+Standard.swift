import AyameCore
import AyameS3
import AyameSageMakerRuntime

extension AsyncInferenceClient {
    /// A client whose SageMaker Runtime and S3 clients are configured the way every AWS SDK
    /// configures one (environment and shared config files); inputs are uploaded under
    /// `inputLocation` (`s3://bucket/prefix`).
    ///
    /// - Throws: `AyameError.validation(_:)` for a malformed `inputLocation`, or the
    ///   configuration error of either client.
    public static func standard(
        inputLocation: String, profile: String? = nil, environment: AWSEnvironment = .process
    ) async throws(AyameError) -> AsyncInferenceClient {
        let location = try S3ObjectLocation(uri: inputLocation)
        return AsyncInferenceClient(
            runtime: try await .standard(profile: profile, environment: environment),
            s3: try await .standard(profile: profile, environment: environment),
            inputLocation: location)
    }
}
