import AyameAsyncInference
import AyameCore
import AyameHTTP
import AyameS3
import AyameSageMakerRuntime
import Foundation
import Testing

/// Reaches the SigV4-verifying moto scripts/test starts on loopback (`AYAME_MOTO_SIGV4_ENDPOINT`),
/// signed with the IAM user's key it made there, so every call of the client must verify.
///
/// moto keeps one queue of InvokeEndpointAsync results per account and region, shared by every
/// test in the process; these tests use a region no other suite uses (eu-west-3) and serialize
/// the ones that queue results, so a result queued here is taken by the request it was meant for.
enum InvocationMoto {
    static let region = "eu-west-3"

    struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String {
            "\(variable) is not set: run the tests with scripts/test, which starts the SigV4-checking moto on a free loopback port"
        }
    }

    static func required(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    static func endpoint() throws -> String {
        try required("AYAME_MOTO_SIGV4_ENDPOINT")
    }

    static func environment() throws -> AWSEnvironment {
        AWSEnvironment([
            "AWS_ACCESS_KEY_ID": try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": region,
            "AWS_ENDPOINT_URL": try endpoint(),
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
    }

    static func s3() async throws -> S3Client {
        S3Client(runtime: try await AWSClientRuntime.standard(service: .s3, environment: environment()))
    }

    /// A client uploading under `s3://<new bucket>/inputs`, and that bucket's name.
    static func client() async throws -> (AsyncInferenceClient, S3Client, String) {
        let s3 = try await s3()
        let bucket = try await bucket(s3)
        let runtime = SageMakerRuntimeClient(
            runtime: try await AWSClientRuntime.standard(service: .sageMakerRuntime, environment: environment()))
        return (AsyncInferenceClient(runtime: runtime, s3: s3, inputLocation: S3ObjectLocation(bucket: bucket, key: "inputs/")), s3, bucket)
    }

    static func bucket(_ s3: S3Client) async throws -> String {
        let bucket = uniqueName("ayame-invocation")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .euWest3)))
        return bucket
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(8))"
    }
}
