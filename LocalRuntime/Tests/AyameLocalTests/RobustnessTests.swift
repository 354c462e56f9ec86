@testable import AyameLocal
import AyameHTTP
import AyameSigV4
import Foundation
import Testing

/// Malformed requests get AWS's error shapes; shutting down stops every container.
@Suite struct RobustnessTests {
    /// A request signed with the harness's key, sent as is.
    func send(
        _ harness: RuntimeHarness, path: String, headers: [(name: String, value: String)], body: String
    ) async throws -> HTTPResponse {
        let url = "\(harness.runtime.endpointURL)\(path)"
        let host = "127.0.0.1:\(harness.runtime.port)"
        let request = SigV4Request(method: "POST", url: url, headers: [("Host", host)] + headers, body: .bytes(Array(body.utf8)))
        var options = SigV4SigningOptions(service: "sagemaker", region: RuntimeHarness.region)
        options.addsContentSHA256Header = true
        let signed = try SigV4Signer(options: options).sign(
            request, credentials: SigV4Credentials(accessKeyId: harness.accessKeyId, secretAccessKey: harness.secretAccessKey),
            at: SigV4Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970)))
        let http = try HTTPClient()
        defer { Task { await http.shutdown() } }
        return try await http.execute(HTTPRequest(
            method: .post, url: url, headers: HTTPHeaders(signed.headers.map { ($0.name, $0.value) }), body: .bytes(Array(body.utf8))))
    }

    @Test func malformedRequestsGetAWSErrorShapes() async throws {
        try await RuntimeHarness.with { harness in
            let notJSON = try await send(
                harness, path: "/",
                headers: [("X-Amz-Target", "SageMaker.CreateModel"), ("Content-Type", "application/x-amz-json-1.1")], body: "{not json")
            #expect(notJSON.status == 400)
            #expect(notJSON.headers["x-amzn-ErrorType"] == "SerializationException")

            let noModel = try await send(
                harness, path: "/",
                headers: [("X-Amz-Target", "SageMaker.CreateModel"), ("Content-Type", "application/x-amz-json-1.1")],
                body: #"{"ModelName": "m", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/r"}"#)
            #expect(noModel.status == 400)
            #expect(noModel.headers["x-amzn-ErrorType"] == "ValidationException")

            let bucket = try await harness.bucketWithModel("robust-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", async: AsyncSpec(outputPath: "s3://\(bucket)/out"))
            try await harness.waitForStatus(endpoint, ["InService"])
            let noInput = try await send(harness, path: "/endpoints/\(endpoint)/async-invocations", headers: [], body: "")
            #expect(noInput.status == 400)
            #expect(noInput.headers["x-amzn-ErrorType"] == "ValidationError")
            let badTTL = try await send(
                harness, path: "/endpoints/\(endpoint)/async-invocations",
                headers: [("X-Amzn-SageMaker-InputLocation", "s3://\(bucket)/in"), ("X-Amzn-SageMaker-RequestTTLSeconds", "5")], body: "")
            #expect(badTTL.status == 400)
            #expect(String(decoding: badTTL.body, as: UTF8.self).contains("requestTTLSeconds"))
        }
    }

    @Test func shutdownStopsEveryContainer() async throws {
        var identifiers: [Int32] = []
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("shutdown-model")
            let endpoint = try await harness.deploy(bucket: bucket, behaviour: "echo", instances: 2, async: nil)
            try await harness.waitForStatus(endpoint, ["InService"])
            identifiers = await harness.runtime.containerProcessIdentifiers()
            #expect(identifiers.count == 2)
            #expect(identifiers.allSatisfy { ChildProcessTests.isRunning($0) })
        }
        // RuntimeHarness.with has shut the runtime down.
        #expect(identifiers.allSatisfy { !ChildProcessTests.isRunning($0) })
    }
}
