import ArgumentParser
import AyameAsyncInference  // re-exports SageMaker, SageMaker Runtime, Auto Scaling, CloudWatch, S3, STS, Core
import AyameECR
import Foundation

/// The SageMaker asynchronous-inference walkthrough (steps 1–8 of the iris tutorial) done with
/// `AsyncEndpointBuilder` and `AsyncInferenceClient`.
///
/// Region, credentials and endpoint come only from the standard AWS environment, so the same
/// binary runs against AWS or against a local mock such as moto (`scripts/demo`).
@main
struct Walkthrough: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "async-inference-walkthrough",
        abstract: "Deploy the iris classifier as a SageMaker async endpoint, invoke it and print the result.",
        discussion: """
            Region, credentials and endpoint are read from the standard AWS environment \
            (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL, profiles, ...). Building and pushing \
            the container image is not part of this program.
            """)

    /// The files committed next to this source, found through `#filePath` so `swift run` works
    /// from any directory of a checkout.
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")

    @Option(help: "The model artifact uploaded in step 1.")
    var model: String = resources.appendingPathComponent("model.tar.gz").path

    @Option(help: "The input uploaded in step 8.")
    var input: String = resources.appendingPathComponent("input_data.json").path

    @Option(help: "The SageMaker execution role (default: arn:aws:iam::<account>:role/SageMakerExecFullAccess).")
    var roleArn: String?

    @Option(help: "Seconds to wait for the inference result.")
    var resultTimeout: Int = 300

    @Flag(help: "Remove what the walkthrough created (endpoint, autoscaling, configs, model, ECR repository) instead of deploying.")
    var teardown = false

    @Flag(help: "With --teardown, also empty and delete the S3 bucket.")
    var deleteBucket = false

    func validate() throws {
        guard resultTimeout > 0 else { throw ValidationError("--result-timeout must be positive") }
        guard !deleteBucket || teardown else { throw ValidationError("--delete-bucket only applies with --teardown") }
    }

    func run() async throws {
        let sts = try await STSClient.standard()
        guard let account = try await sts.getCallerIdentity().account else {
            throw WalkthroughFailure("STS GetCallerIdentity answered without an account")
        }
        let s3 = try await S3Client.standard()
        guard let region = s3.runtime.configuration.region?.value else {
            throw WalkthroughFailure("no region configured: set AWS_REGION")
        }
        let names = Names(account: account, region: region, roleARN: roleArn)
        print("アカウント (account): \(account), region: \(region)")

        let builder = AsyncEndpointBuilder(
            spec: names.spec,
            sageMaker: try await SageMakerClient.standard(),
            autoScaling: try await ApplicationAutoScalingClient.standard(),
            cloudWatch: try await CloudWatchClient.standard())
        let ecr = try await ECRClient.standard()

        if teardown {
            try await removeAll(builder: builder, ecr: ecr, s3: s3, names: names)
        } else {
            try await deploy(builder: builder, ecr: ecr, s3: s3, names: names)
        }
    }

    // MARK: Steps 1–8

    private func deploy(builder: AsyncEndpointBuilder, ecr: ECRClient, s3: S3Client, names: Names) async throws {
        step(1, "モデルのアップロード (upload the model)")
        try await createBucket(names.bucket, region: names.region, s3: s3)
        print("bucket: s3://\(names.bucket)")
        // Through the transfer manager: a real model is gigabytes, sent in parallel parts from
        // disk (never loaded whole), each checksummed, with a progress line.
        let uploaded = try await S3TransferManager(client: s3).uploadFile(
            model, bucket: names.bucket, key: Names.modelKey, contentType: "application/gzip"
        ) { progress in
            let percent = Int(((progress.fractionCompleted ?? 1) * 100).rounded())
            print("upload: \(percent)% (\(progress.transferredBytes) bytes, part \(progress.completedParts)/\(progress.totalParts ?? 0), \(Int(progress.bytesPerSecond / 1024)) KiB/s)")
        }
        print("uploaded \(model) (\(uploaded.size) bytes in \(uploaded.parts) part\(uploaded.parts == 1 ? "" : "s")) to \(names.modelDataURL)")

        step(2, "推論用のコンテナの作成 (the inference container)")
        print("the container is Examples/IrisContainer (the seed's container/ in Swift: GET /ping, POST /invocations);")
        print("on AWS: docker build its Dockerfile and push it (step 3); under ayame-local (scripts/demo) its --images")
        print("map starts `iris-container serve` for \(names.imageURI) with the model unpacked at /opt/ml/model")

        step(3, "ECRへのコンテナのアップロード (ECR repository)")
        try await ensureRepository(ecr: ecr)
        let token = try await ecr.getAuthorizationToken()
        // The token is a docker password: only the registry it is for is printed.
        if let registry = token.authorizationData?.first?.proxyEndpoint {
            print("registry: \(registry) (authorization token received, not printed)")
        }
        print("image URI: \(names.imageURI)")
        print("not done here: docker tag, docker login and docker push of the image")

        step(4, "SageMakerにモデルの作成 … 7. スケーリングの設定 (model, endpoint config, endpoint, scaling)")
        print("plan:")
        for line in try await builder.plan().description.split(separator: "\n") { print("  \(line)") }
        try await builder.apply { event in print("  \(event)") }
        print("endpoint \(Names.endpoint) is InService")

        step(8, "エンドポイントの呼び出し (invoke the endpoint)")
        try await s3.putObject(
            S3.PutObjectRequest(bucket: names.bucket, key: Names.inputKey, contentType: "application/json"),
            payload: .file(path: input))
        let inputURI = "s3://\(names.bucket)/\(Names.inputKey)"
        print("uploaded \(input) to \(inputURI)")
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(), s3: s3,
            inputLocation: S3ObjectLocation(bucket: names.bucket, key: "input/"))
        let handle = try await client.submit(
            endpointName: Names.endpoint, payload: .s3(uri: inputURI), options: InvocationOptions(contentType: "application/json"))
        print("InferenceId: \(handle.inferenceID)")
        print("Output S3 URI: \(handle.outputLocation)")
        let result = try await client.result(for: handle, polling: PollingPolicy(deadline: .seconds(resultTimeout)))
        print("result (\(result.count) bytes):")
        print(String(decoding: result, as: UTF8.self))
    }

    // MARK: Teardown

    private func removeAll(builder: AsyncEndpointBuilder, ecr: ECRClient, s3: S3Client, names: Names) async throws {
        step(nil, "後片付け (teardown)")
        let report = try await builder.teardown()
        for resource in report.removed { print("  removed \(resource)") }
        for resource in report.alreadyGone { print("  already gone \(resource)") }
        do {
            // force: the repository may hold the pushed image, which goes with it.
            try await ecr.deleteRepository(repositoryName: Names.repository, force: true)
            print("  removed ECR repository \(Names.repository)")
        } catch {
            guard error.serviceError?.ecrCode == .repositoryNotFoundException else { throw error }
            print("  already gone ECR repository \(Names.repository)")
        }
        guard deleteBucket else {
            print("  kept s3://\(names.bucket) (model, input and results are data; --delete-bucket removes them)")
            return
        }
        try await emptyAndDelete(names.bucket, s3: s3)
    }

    private func emptyAndDelete(_ bucket: String, s3: S3Client) async throws {
        do {
            var token: String?
            repeat {
                let page = try await s3.listObjectsV2(S3.ListObjectsV2Request(bucket: bucket, continuationToken: token))
                let keys = (page.contents ?? []).compactMap(\.key)
                if !keys.isEmpty {
                    _ = try await s3.deleteObjects(S3.DeleteObjectsRequest(
                        bucket: bucket, delete: S3.Delete(objects: keys.map { S3.ObjectIdentifier(key: $0) }, quiet: true)))
                }
                token = page.isTruncated == true ? page.nextContinuationToken : nil
            } while token != nil
            try await s3.deleteBucket(bucket: bucket)
            print("  removed s3://\(bucket)")
        } catch {
            guard error.serviceError?.s3Code == .noSuchBucket else { throw error }
            print("  already gone s3://\(bucket)")
        }
    }

    // MARK: Helpers

    private func step(_ number: Int?, _ title: String) {
        print("")
        print(number.map { "== \($0). \(title)" } ?? "== \(title)")
    }

    /// Creates the bucket unless this account already has it, so the walkthrough can run again.
    private func createBucket(_ bucket: String, region: String, s3: S3Client) async throws {
        // us-east-1 is the one region S3 refuses as an explicit LocationConstraint.
        let configuration = region == "us-east-1"
            ? nil : S3.CreateBucketConfiguration(locationConstraint: S3.BucketLocationConstraint(rawValue: region))
        do {
            _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: bucket, createBucketConfiguration: configuration))
        } catch {
            guard error.serviceError?.s3Code == .bucketAlreadyOwnedByYou else { throw error }
            print("bucket already exists (owned by this account)")
        }
    }

    private func ensureRepository(ecr: ECRClient) async throws {
        do {
            let found = try await ecr.describeRepositories(repositoryNames: [Names.repository])
            print("repository exists: \(found.repositories?.first?.repositoryUri ?? Names.repository)")
        } catch {
            guard error.serviceError?.ecrCode == .repositoryNotFoundException else { throw error }
            let created = try await ecr.createRepository(ECR.CreateRepositoryRequest(repositoryName: Names.repository))
            print("repository created: \(created.repository?.repositoryUri ?? Names.repository)")
        }
    }
}

/// The walkthrough's names, exactly as the seed tutorial spells them.
struct Names {
    static let repository = "sagemaker-async-demo"
    static let model = "async-inference-demo-model"
    static let endpointConfig = "async-inference-demo-endpoint-config"
    static let endpoint = "async-inference-demo-endpoint"
    static let variant = "AllTraffic"
    static let modelKey = "model/model.tar.gz"
    static let inputKey = "input/input_data.json"

    let account: String
    let region: String
    let bucket: String
    let roleARN: String

    init(account: String, region: String, roleARN: String?) {
        self.account = account
        self.region = region
        self.bucket = "sagemaker-tutorial-\(account)"
        self.roleARN = roleARN ?? "arn:aws:iam::\(account):role/SageMakerExecFullAccess"
    }

    var modelDataURL: String { "s3://\(bucket)/\(Self.modelKey)" }
    var imageURI: String { "\(account).dkr.ecr.\(region).amazonaws.com/\(Self.repository):latest" }

    var spec: AsyncEndpointSpec {
        AsyncEndpointSpec(
            endpointName: Self.endpoint,
            endpointConfigName: Self.endpointConfig,
            model: ModelSpec(name: Self.model, imageURI: imageURI, modelDataURL: modelDataURL, executionRoleARN: roleARN),
            variants: [ProductionVariantSpec(name: Self.variant, instanceType: "ml.m5.large")],
            asyncInference: AsyncInferenceSettings(outputPath: "s3://\(bucket)/async-inference-output/"),
            scaling: .walkthrough(maximumInstances: 3))
    }
}

/// A failure of the walkthrough itself (not of an AWS call), printed as its message.
struct WalkthroughFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
