import AyameApplicationAutoScaling
import AyameAsyncInference
import AyameCloudWatch
import AyameCore
import AyameSageMaker
import Foundation

/// Builders whose clients reach `ayame-local` (the local SageMaker hosting runtime, with
/// Creating / Updating / InService and real containers) in front of the SigV4-verifying moto
/// scripts/test starts on loopback, signed with the IAM user's key it made there: every builder
/// call must verify.
enum BuilderMoto {
    struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String {
            "\(variable) is not set: run the tests with scripts/test, which starts the SigV4-checking moto and ayame-local on free loopback ports"
        }
    }

    static func environment(endpoint: String? = nil) throws -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        func required(_ name: String) throws -> String {
            guard let value = variables[name], !value.isEmpty else { throw Missing(variable: name) }
            return value
        }
        return AWSEnvironment([
            "AWS_ACCESS_KEY_ID": try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": "ap-northeast-1",
            "AWS_ENDPOINT_URL": try endpoint ?? required("AYAME_LOCAL_ENDPOINT"),
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
    }

    struct Clients {
        let sageMaker: SageMakerClient
        let autoScaling: ApplicationAutoScalingClient
        let cloudWatch: CloudWatchClient
    }

    /// Clients for ayame-local, or for `endpoint` (a closed loopback port proves nothing is sent).
    static func clients(endpoint: String? = nil) async throws -> Clients {
        let environment = try environment(endpoint: endpoint)
        return Clients(
            sageMaker: SageMakerClient(runtime: try await AWSClientRuntime.standard(service: .sageMaker, environment: environment)),
            autoScaling: ApplicationAutoScalingClient(
                runtime: try await AWSClientRuntime.standard(service: .applicationAutoScaling, environment: environment)),
            cloudWatch: CloudWatchClient(runtime: try await AWSClientRuntime.standard(service: .cloudWatch, environment: environment)))
    }

    static func builder(_ spec: AsyncEndpointSpec, _ clients: Clients) -> AsyncEndpointBuilder {
        var builder = AsyncEndpointBuilder(
            spec: spec, sageMaker: clients.sageMaker, autoScaling: clients.autoScaling, cloudWatch: clients.cloudWatch,
            maximumEndpointWait: .seconds(60))
        // The runtime provisions in about a second.
        builder.endpointPollInterval = .milliseconds(200)
        return builder
    }

    /// The walkthrough's spec with names no other test run uses.
    static func walkthroughSpec(instanceType: String = "ml.m5.large") -> AsyncEndpointSpec {
        let id = UUID().uuidString.lowercased().prefix(8)
        var scaling = ScaleToZeroPolicy.walkthrough(maximumInstances: 3)
        // Alarm names are account-wide (policies are per variant), so tests running side by side
        // each need their own.
        scaling.wakeUp.alarmName = "HasBacklogWithoutCapacity-Alarm-\(id)"
        return AsyncEndpointSpec(
            endpointName: "builder-\(id)",
            model: ModelSpec(
                name: "builder-model-\(id)",
                // The fake model container scripts/test maps in ayame-local's images file.
                imageURI: "ayame-local-test/fake-model:latest",
                executionRoleARN: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"),
            variants: [ProductionVariantSpec(name: "AllTraffic", instanceType: instanceType)],
            asyncInference: AsyncInferenceSettings(outputPath: "s3://sagemaker-tutorial-123456789012/async-inference-output/"),
            scaling: scaling,
            tags: ["project": "ayame"])
    }
}
