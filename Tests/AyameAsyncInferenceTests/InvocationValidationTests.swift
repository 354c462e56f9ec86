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

    @Test("endpoint names and header values are checked before anything is built")
    func namesAndHeaderValuesAtTheirBounds() throws {
        for valid in ["a", "Z9", "a-b--c9", String(repeating: "e", count: 63)] {
            #expect(throws: Never.self) { try InvocationRequestCheck(endpointName: valid, options: InvocationOptions()) }
        }
        for invalid in ["", "abc-", "-abc", "a b", "caf\u{e9}", "\u{e9}t\u{e9}", "a_b", String(repeating: "e", count: 64)] {
            #expect(throws: AyameError.self, "\(invalid)") { try InvocationRequestCheck(endpointName: invalid, options: InvocationOptions()) }
        }
        let longest = String(repeating: "x", count: 1024)
        #expect(throws: Never.self) {
            try InvocationRequestCheck(endpointName: "e", options: InvocationOptions(contentType: longest, accept: longest, customAttributes: longest))
        }
        for options in [InvocationOptions(contentType: longest + "x"), InvocationOptions(accept: "text/\u{e9}"), InvocationOptions(customAttributes: longest + "y")] {
            #expect(throws: AyameError.self) { try InvocationRequestCheck(endpointName: "e", options: options) }
        }
    }

    @Test func locationsParseAndPrint() throws {
        let location = try S3ObjectLocation(uri: "s3://my-bucket/a/b.json")
        #expect(location.bucket == "my-bucket" && location.key == "a/b.json")
        #expect(S3ObjectLocation(bucket: "b", key: "/inputs/").appending("x.json").uri == "s3://b/inputs/x.json")
        #expect(S3ObjectLocation(bucket: "b", key: "").appending("x.json").uri == "s3://b/x.json")
        // Slashes at either end are trimmed, none inside; a key of slashes alone is the root.
        for (given, kept) in [("//a//b//", "a//b"), ("/", ""), ("///", ""), ("a", "a"), ("/caf\u{e9}/x/", "caf\u{e9}/x"), ("", "")] {
            #expect(S3ObjectLocation(bucket: "b", key: given).key == kept, "\(given)")
        }
    }

    @Test("bucket names follow S3's rules: 3-63 lowercase letters, digits, dots, hyphens, alphanumeric ends")
    func bucketNamesAreChecked() throws {
        for valid in ["abc", "a-b.c1", "9x9", String(repeating: "a", count: 63)] {
            #expect(throws: Never.self) { try S3ObjectLocation(uri: "s3://\(valid)/k") }
        }
        for invalid in ["ab", String(repeating: "a", count: 64), "-abc", "abc-", "abc.", "ABC", "ab_c", "ab\u{e7}", "a b", ""] {
            #expect(throws: AsyncInferenceError.self, "\(invalid)") { try S3ObjectLocation(uri: "s3://\(invalid)/k") }
        }
    }

    @Test func uploadedObjectsGetAnExtensionForTheirContent() {
        #expect(AsyncInferenceClient.fileExtension(path: "/tmp/in.npy", contentType: "application/json") == "npy")
        #expect(AsyncInferenceClient.fileExtension(path: "/tmp/noext", contentType: "application/json; charset=utf-8") == "json")
        #expect(AsyncInferenceClient.fileExtension(path: nil, contentType: nil) == "bin")
        #expect(AsyncInferenceClient.fileExtension(path: nil, contentType: " Text/CSV ;header=present") == "csv")
        #expect(AsyncInferenceClient.fileExtension(path: nil, contentType: "\tapplication/jsonlines") == "jsonl")
        #expect(AsyncInferenceClient.fileExtension(path: nil, contentType: "") == "bin")
        #expect(AsyncInferenceClient.fileExtension(path: nil, contentType: ";") == "bin")
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
