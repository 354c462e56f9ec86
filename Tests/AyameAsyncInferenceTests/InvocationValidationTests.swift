@testable import AyameAsyncInference
import AyameCore
import AyameS3
import Foundation
import Testing

/// Arguments are checked before anything is uploaded or sent.
@Suite(.timeLimit(.minutes(1)))
struct InvocationValidationTests {
    private func rejected(_ member: String, endpointName: String = "ayame-async", payload: InferencePayload = .data(Data("x".utf8)), options: InvocationOptions = InvocationOptions()) async throws {
        let (client, s3, bucket) = try await InvocationMoto.client()
        await #expect {
            _ = try await client.submit(endpointName: endpointName, payload: payload, options: options)
        } throws: { error in
            guard case .invalidArgument(let failure) = error as? AsyncInferenceError else { return false }
            return failure.member.hasPrefix(member)
        }
        // Nothing was uploaded.
        let listed = try await s3.listObjectsV2(S3.ListObjectsV2Request(bucket: bucket))
        #expect((listed.contents ?? []).isEmpty)
    }

    @Test func endpointNameFollowsTheModelPattern() async throws {
        try await rejected("EndpointName", endpointName: "-starts-with-hyphen")
        try await rejected("EndpointName", endpointName: "has_underscore")
        try await rejected("EndpointName", endpointName: String(repeating: "e", count: 64))
        try await rejected("EndpointName", endpointName: "")
    }

    @Test func durationsStayInTheModelRanges() async throws {
        try await rejected("RequestTTLSeconds", options: InvocationOptions(requestTTL: .seconds(59)))
        try await rejected("RequestTTLSeconds", options: InvocationOptions(requestTTL: .seconds(21601)))
        try await rejected("RequestTTLSeconds", options: InvocationOptions(requestTTL: .milliseconds(60_500)))
        try await rejected("InvocationTimeoutSeconds", options: InvocationOptions(invocationTimeout: .seconds(0)))
        try await rejected("InvocationTimeoutSeconds", options: InvocationOptions(invocationTimeout: .seconds(3601)))
    }

    @Test func inferenceIDAndHeadersAreChecked() async throws {
        try await rejected("InferenceId", options: InvocationOptions(inferenceID: " leading-space"))
        try await rejected("InferenceId", options: InvocationOptions(inferenceID: String(repeating: "i", count: 65)))
        try await rejected("CustomAttributes", options: InvocationOptions(customAttributes: "caf\u{e9}"))
    }

    @Test func s3URIsAndFilesAreChecked() async throws {
        try await rejected("uri(https://bucket/key)", payload: .s3(uri: "https://bucket/key"))
        try await rejected("uri(s3://Bad_Bucket/key)", payload: .s3(uri: "s3://Bad_Bucket/key"))
        try await rejected("uri(s3://bucket-only)", payload: .s3(uri: "s3://bucket-only"))
        try await rejected("file(/nonexistent", payload: .file(path: "/nonexistent/ayame/input.bin"))
    }

    @Test func durationsAtTheBoundsAreAccepted() throws {
        let check = try InvocationRequestCheck(
            endpointName: "a", options: InvocationOptions(requestTTL: .seconds(21600), invocationTimeout: .seconds(1)))
        #expect(check.requestTTLSeconds == 21600)
        #expect(check.invocationTimeoutSeconds == 1)
        _ = try InvocationRequestCheck(endpointName: "a-b--c9", options: InvocationOptions(requestTTL: .seconds(60), invocationTimeout: .seconds(3600)))
    }

    @Test func locationsParseAndPrint() throws {
        let location = try S3ObjectLocation(uri: "s3://my-bucket/a/b.json")
        #expect(location.bucket == "my-bucket" && location.key == "a/b.json")
        #expect(S3ObjectLocation(bucket: "b", key: "/inputs/").appending("x.json").uri == "s3://b/inputs/x.json")
        #expect(S3ObjectLocation(bucket: "b", key: "").appending("x.json").uri == "s3://b/x.json")
    }

    @Test func uploadedObjectsGetAnExtensionForTheirContent() {
        #expect(AsyncInferenceClient.fileExtension(path: "/tmp/in.npy", contentType: "application/json") == "npy")
        #expect(AsyncInferenceClient.fileExtension(path: "/tmp/noext", contentType: "application/json; charset=utf-8") == "json")
        #expect(AsyncInferenceClient.fileExtension(path: nil, contentType: nil) == "bin")
    }

    @Test func backoffStaysBetweenTheBoundsAndGrows() {
        let policy = PollingPolicy(minimumDelay: .milliseconds(100), maximumDelay: .seconds(2), deadline: .seconds(60))
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<40 {
            let ceiling = min(Duration.milliseconds(100) * (1 << min(attempt, 30)), .seconds(2))
            for _ in 0..<20 {
                let delay = policy.delay(attempt: attempt, using: &generator)
                #expect(delay >= .milliseconds(100) && delay <= ceiling + .milliseconds(1))
            }
        }
        // A maximum below the minimum is ignored rather than producing a negative range.
        let odd = PollingPolicy(minimumDelay: .seconds(1), maximumDelay: .milliseconds(10), deadline: .seconds(5))
        #expect(odd.delay(attempt: 3, using: &generator) == .seconds(1))
    }
}
