import AyameAsyncInference
import Foundation
import Testing

/// Reaches `ayame-local`, the local SageMaker hosting runtime scripts/test starts on loopback
/// (`AYAME_LOCAL_ENDPOINT`) in front of the SigV4-checking moto, with an images file that runs
/// the Swift iris container for ``irisImage`` and the fake model container for ``fakeImage``.
/// Every inference here is answered by a real container process.
enum LocalRuntime {
    static let region = "eu-west-3"
    static let irisImage = "ayame-test/iris:latest"
    static let fakeImage = "ayame-local-test/fake-model:latest"

    static func environment() throws -> AWSEnvironment {
        AWSEnvironment([
            "AWS_ACCESS_KEY_ID": try InvocationMoto.required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try InvocationMoto.required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": region,
            "AWS_ENDPOINT_URL": try InvocationMoto.required("AYAME_LOCAL_ENDPOINT"),
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
    }

    /// The endpoints the invocation tests share, deployed once per test process.
    struct Endpoints: Sendable {
        /// The iris classifier (the walkthrough's model), answering `{"hanabira_prediction": …}`.
        let iris: String
        /// The fake container echoing `<model>|<content type>|<custom attributes>|<body>`.
        let echo: String
        /// The fake container answering every request with HTTP 500 and ``failureMessage``.
        let failing: String
        let bucket: String
    }

    static let failureMessage = "model exploded: CUDA out of memory"

    static let endpoints = Task<Endpoints, any Error> {
        let environment = try LocalRuntime.environment()
        let s3 = try await S3Client.standard(environment: environment)
        let sageMaker = try await SageMakerClient.standard(environment: environment)
        let bucket = InvocationMoto.uniqueName("ayame-local-invocation")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .euWest3)))
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/AsyncInferenceWalkthrough/Resources/model.tar.gz")
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "model/model.tar.gz"), payload: .file(path: model.path))

        let suffix = InvocationMoto.uniqueName("")
        let endpoints = Endpoints(iris: "iris\(suffix)", echo: "echo\(suffix)", failing: "failing\(suffix)", bucket: bucket)
        let deployments: [(String, String, String?, [String: String])] = [
            (endpoints.iris, irisImage, "s3://\(bucket)/model/model.tar.gz", [:]),
            (endpoints.echo, fakeImage, nil, ["FAKE_MODEL_BEHAVIOUR": "echo"]),
            (endpoints.failing, fakeImage, nil, ["FAKE_MODEL_BEHAVIOUR": "fail", "FAKE_MODEL_MESSAGE": failureMessage]),
        ]
        for (name, image, modelData, variables) in deployments {
            try await sageMaker.createModel(SageMaker.CreateModelInput(
                modelName: name,
                primaryContainer: SageMaker.ContainerDefinition(image: image, modelDataUrl: modelData, environment: variables),
                executionRoleArn: "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"))
            try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
                endpointConfigName: name,
                productionVariants: [SageMaker.ProductionVariant(variantName: "AllTraffic", modelName: name, initialInstanceCount: 1, instanceType: .mlM5Large)],
                asyncInferenceConfig: SageMaker.AsyncInferenceConfig(outputConfig: SageMaker.AsyncInferenceOutputConfig(
                    s3OutputPath: "s3://\(bucket)/output/\(name)", s3FailurePath: "s3://\(bucket)/failure/\(name)"))))
            try await sageMaker.createEndpoint(endpointName: name, endpointConfigName: name)
        }
        for (name, _, _, _) in deployments {
            // The runtime provisions in about a second; poll fast rather than the waiter's 30 s.
            _ = try await sageMaker.runtime.wait(
                for: SageMakerWaiters.endpointInService, input: SageMaker.DescribeEndpointInput(endpointName: name).shapeValue,
                maximumWait: .seconds(120), delay: .milliseconds(200), maxAttempts: Int.max)
        }
        return endpoints
    }

    /// A client uploading under `s3://<the shared bucket>/inputs`, the endpoints, and S3.
    static func client() async throws -> (AsyncInferenceClient, S3Client, Endpoints) {
        let endpoints = try await Self.endpoints.value
        let environment = try Self.environment()
        let s3 = try await S3Client.standard(environment: environment)
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment), s3: s3,
            inputLocation: S3ObjectLocation(bucket: endpoints.bucket, key: "inputs/"))
        return (client, s3, endpoints)
    }

    /// The walkthrough's input for one iris, by petal length and width.
    static func irisInput(petalLength: Double, petalWidth: Double) -> Data {
        Data(#"{"features": [{"がく片の長さ": 5.0, "がく片の幅": 3.0, "花びらの長さ": \#(petalLength), "花びらの幅": \#(petalWidth)}]}"#.utf8)
    }
}
