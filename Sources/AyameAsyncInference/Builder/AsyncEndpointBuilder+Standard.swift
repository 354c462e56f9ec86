import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameSageMaker

extension AsyncEndpointBuilder {
    /// A builder whose SageMaker, Application Auto Scaling and CloudWatch clients are configured
    /// the way every AWS SDK configures one: region, credentials and endpoint URLs from the
    /// environment and the shared config files.
    ///
    /// - Throws: ``AsyncInferenceError/requestFailed(_:)`` with the `AyameError` when the
    ///   configuration is invalid or no region is set.
    public static func standard(
        spec: AsyncEndpointSpec, profile: String? = nil, environment: AWSEnvironment = .process,
        maximumEndpointWait: Duration = .seconds(3600)
    ) async throws(AsyncInferenceError) -> AsyncEndpointBuilder {
        do throws(AyameError) {
            return AsyncEndpointBuilder(
                spec: spec,
                sageMaker: try await .standard(profile: profile, environment: environment),
                autoScaling: try await .standard(profile: profile, environment: environment),
                cloudWatch: try await .standard(profile: profile, environment: environment),
                maximumEndpointWait: maximumEndpointWait)
        } catch {
            throw AsyncInferenceError(request: error)
        }
    }
}
