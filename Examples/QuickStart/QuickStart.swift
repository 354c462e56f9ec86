// A whole async deployment in one short program: upload a model, plan and apply an async
// endpoint with scale-to-zero, run 20 inferences, page and wait, branch on a service error, and
// tear down. Region, credentials and endpoint come from the AWS environment (AWS_ENDPOINT_URL
// points it at a local runtime). Usage: quick-start BUCKET MODEL.tar.gz INPUT.json IMAGE_URI
import AyameAsyncInference
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 5 else {
    print("usage: quick-start BUCKET MODEL.tar.gz INPUT.json IMAGE_URI")
    exit(2)
}
let (bucket, modelFile, inputFile, imageURI) = (arguments[1], arguments[2], arguments[3], arguments[4])

// 1. The bucket and the model, streamed from disk; an existing bucket of ours is fine.
let s3 = try await S3Client.standard()
do {
    _ = try await s3.createBucket(bucket: bucket)
} catch {
    guard error.serviceError?.isAlreadyExists == true else { throw error }
}
try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "model/model.tar.gz"), payload: .file(path: modelFile))

// 2. The endpoint: model, async config, endpoint and scale-to-zero autoscaling in one value.
let account = try await STSClient.standard().getCallerIdentity().account ?? "123456789012"
let spec = AsyncEndpointSpec(
    endpointName: "quick-start-iris",
    model: ModelSpec(name: "quick-start-iris-model", imageURI: imageURI, modelDataURL: "s3://\(bucket)/model/model.tar.gz",
                     executionRoleARN: "arn:aws:iam::\(account):role/SageMakerExecFullAccess"),
    variants: [ProductionVariantSpec(instanceType: "ml.m5.large")],
    asyncInference: AsyncInferenceSettings(outputPath: "s3://\(bucket)/output/", failurePath: "s3://\(bucket)/failure/"),
    scaling: .walkthrough(maximumInstances: 2))
let builder = try await AsyncEndpointBuilder.standard(spec: spec)
print(try await builder.plan())
try await builder.apply { event in print("  \(event)") }

// 3. A waiter and a paginator.
let sageMaker = builder.sageMaker
let endpoint = try await sageMaker.waitUntilEndpointInService(endpointName: spec.endpointName, maximumWait: .seconds(600))
print("endpoint \(endpoint.endpointName): \(endpoint.endpointStatus.rawValue)")
for try await summary in sageMaker.listEndpointsItems() {
    print("listed \(summary.endpointName) (\(summary.endpointStatus.rawValue))")
}

// 4. Twenty inferences, results as they complete.
let client = try await AsyncInferenceClient.standard(inputLocation: "s3://\(bucket)/input/")
let payloads = Array(repeating: InferencePayload.file(path: inputFile), count: 20)
var answered = 0
for await outcome in client.submitAll(
    endpointName: spec.endpointName, payloads: payloads, options: InvocationOptions(contentType: "application/json"),
    maxConcurrency: 8, polling: PollingPolicy(minimumDelay: .milliseconds(100), deadline: .seconds(120))
) {
    switch outcome.result {
    case .success(let output):
        answered += 1
        print("#\(outcome.index): \(String(decoding: output, as: UTF8.self))")
    case .failure(let error):
        print("#\(outcome.index) failed: \(error)")
    }
}

// 5. A service error to branch on: the endpoint that never existed.
do {
    _ = try await sageMaker.describeEndpoint(endpointName: "quick-start-no-such-endpoint")
} catch {
    guard error.serviceError?.isNotFound == true else { throw error }
    print("no-such-endpoint is not found, as expected")
}

// 6. Tear everything down.
let report = try await builder.teardown()
print("removed \(report.removed.count) resources; \(answered)/20 inferences answered")
exit(answered == 20 ? 0 : 1)
