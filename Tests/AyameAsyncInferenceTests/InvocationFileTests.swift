import AyameAsyncInference
import AyameCore
import AyameS3
import Foundation
import Testing

/// Files in and out on the streaming paths: `submit` uploads a file `aws-chunked` from disk and
/// `result(for:toFile:)` writes the container's answer to a file as it arrives.
@Suite(.timeLimit(.minutes(3)))
struct InvocationFileTests {
    @Test func aSubmittedFileComesBackWrittenToAFile() async throws {
        let (_, s3, endpoints) = try await LocalRuntime.client()
        let environment = try LocalRuntime.environment()
        let requests = try RequestCounter()
        let client = AsyncInferenceClient(
            runtime: try await SageMakerRuntimeClient.standard(environment: environment),
            s3: try await S3Client.standard(transport: requests, environment: environment),
            inputLocation: S3ObjectLocation(bucket: endpoints.bucket, key: "inputs/"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-invocation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("request.json")
        let payload = Data(#"{"question":"streamed from a file"}"#.utf8)
        try payload.write(to: input)

        let handle = try await client.submit(
            endpointName: endpoints.echo, payload: .file(path: input.path),
            options: InvocationOptions(contentType: "application/json", requestTTL: .seconds(600)))
        // The object SageMaker reads holds exactly the file's bytes.
        let location = try #require(URL(string: handle.inputLocation))
        let uploaded = try await s3.getObject(bucket: endpoints.bucket, key: String(location.path.dropFirst()))
        #expect(uploaded.body == payload)
        // It went up as a streamed payload: framed aws-chunked, its length declared up front.
        let put = try #require(requests.lastHeaders("PUT S3 object"))
        #expect(put["Content-Encoding"]?.hasPrefix("aws-chunked") == true, "\(put)")
        #expect(put["x-amz-decoded-content-length"] == String(payload.count))

        let output = directory.appendingPathComponent("answer.out")
        try await client.result(
            for: handle, toFile: output.path,
            polling: PollingPolicy(minimumDelay: .milliseconds(20), maximumDelay: .milliseconds(200), deadline: .seconds(30)))
        let written = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(written.hasSuffix("|application/json||{\"question\":\"streamed from a file\"}"), "\(written)")
        // The answer was written to the file by the transport, not read into memory.
        #expect(requests.snapshot["GET S3 object into a file"] == 1, "\(requests.snapshot)")
        await requests.shutdown()
    }
}
