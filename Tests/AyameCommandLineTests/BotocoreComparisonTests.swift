import AyameCommandLine
import Foundation
import Testing

/// `ayame sign` against botocore itself: the same ~45 inputs go through `SignCommand` and
/// through `Tests/Fixtures/botocore_sign.py` (botocore's own signers with the clock frozen), and
/// every output field must match.
///
/// Documented divergences are left out on purpose: a header-signed URL whose query is not already
/// SigV4-encoded (botocore signs such a query verbatim, e.g. `+`; Ayame re-encodes it as AWS does),
/// and query signing of a non-S3 request with a body (botocore moves a JSON body into the query).
@Suite struct BotocoreComparisonTests {
    static let exampleKey = ["accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]
    static let tokenKey = exampleKey.merging(["sessionToken": "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+tok/en=="]) { $1 }

    static func request(
        _ method: String, _ url: String, service: String = "sagemaker", region: String = "us-east-1",
        headers: [[String]] = [], body: String? = nil, bodyBase64: String? = nil, query: Bool = false,
        expires: Int? = nil, unsigned: Bool = false, s3: Bool = false, token: Bool = false,
        timestamp: String = "2026-11-25T17:36:18Z"
    ) -> [String: Any] {
        var input: [String: Any] = [
            "method": method, "url": url, "service": service, "region": region, "timestamp": timestamp,
            "credentials": token ? tokenKey : exampleKey, "headers": headers,
        ]
        if let body { input["body"] = body }
        if let bodyBase64 { input["bodyBase64"] = bodyBase64 }
        if query { input["signatureType"] = "query" }
        if let expires { input["expires"] = expires }
        if unsigned { input["payload"] = "unsigned" }
        if s3 { input["s3"] = true }
        return input
    }

    static let json11 = ["Content-Type", "application/x-amz-json-1.1"]
    static let sagemaker = "https://api.sagemaker.us-east-1.amazonaws.com/"
    static let bucket = "https://examplebucket.s3.us-east-1.amazonaws.com"

    static var cases: [[String: Any]] { [
        // JSON services.
        request("POST", sagemaker, headers: [json11, ["X-Amz-Target", "SageMaker.CreateEndpoint"]], body: #"{"EndpointName":"e","EndpointConfigName":"c"}"#),
        request("POST", sagemaker, headers: [json11, ["X-Amz-Target", "SageMaker.DescribeEndpoint"]], body: #"{"EndpointName":"e"}"#, token: true),
        request("POST", sagemaker, headers: [json11, ["X-Amz-Target", "SageMaker.ListModels"]], body: "{}", unsigned: true),
        request("post", sagemaker, headers: [json11, ["X-Amz-Target", "SageMaker.ListModels"]], body: "{}"),
        request("POST", "https://monitoring.ap-northeast-1.amazonaws.com/", service: "monitoring", region: "ap-northeast-1",
                headers: [["Content-Type", "application/x-amz-json-1.0"], ["X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms"]], body: #"{"AlarmNames":["a"]}"#),
        request("POST", "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/my-endpoint/async-invocations", headers: [
            ["X-Amzn-SageMaker-InputLocation", "s3://bucket/input/input_data.json"], ["X-Amzn-SageMaker-Content-Type", "application/json"],
            ["X-Amzn-SageMaker-Inference-Id", "id-1"], ["Accept", "application/json"],
        ], token: true),
        request("POST", "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/my-endpoint/invocations",
                headers: [["Content-Type", "application/json"]], body: #"{"features":[4.9,3.0,"がく片の長さ"]}"#),
        // Query protocol (form bodies) and STS.
        request("POST", "https://sts.amazonaws.com/", service: "sts", headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
                body: "Action=GetCallerIdentity&Version=2011-06-15"),
        request("POST", "https://monitoring.us-east-1.amazonaws.com/", service: "monitoring", headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
                body: "Action=PutMetricAlarm&Version=2010-08-01&Namespace=AWS%2FSageMaker&Threshold=0.5", token: true),
        // Paths (non-S3: normalised and encoded once more).
        request("GET", "https://example.amazonaws.com/a/./b/../c", service: "service"),
        request("GET", "https://example.amazonaws.com//a//b//", service: "service"),
        request("GET", "https://example.amazonaws.com/a/b/../../..", service: "service"),
        request("GET", "https://example.amazonaws.com/photo%201.jpg", service: "service"),
        request("GET", "https://example.amazonaws.com/%E2%82%AC/%E3%81%82%E3%81%84", service: "service"),
        request("GET", "https://example.amazonaws.com/a!b*c'(d)~e_f.g-h", service: "service"),
        request("GET", "https://example.amazonaws.com", service: "service"),
        // Query strings (header signing; already SigV4-encoded, as botocore's serializers write them).
        request("GET", "https://example.amazonaws.com/?b=2&a=2&a=1&c", service: "service"),
        request("GET", "https://example.amazonaws.com/?acl=&versions=&prefix=a%2Fb&delimiter=%2F", service: "service"),
        request("GET", "https://example.amazonaws.com/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1&x=%20y", service: "service"),
        // Headers.
        request("GET", "https://example.amazonaws.com/", service: "service", headers: [["X-Amz-Meta-A", "1"], ["x-amz-meta-a", "2"], ["X-AMZ-META-A", "3"]]),
        request("GET", "https://example.amazonaws.com/", service: "service", headers: [["My-Header", "  a   b \t c  "], ["My-Other", "\"quoted   value\""]]),
        request("GET", "https://example.amazonaws.com/", service: "service", headers: [
            ["User-Agent", "ayame/1.0"], ["Expect", "100-continue"], ["Connection", "keep-alive"], ["X-Amzn-Trace-Id", "Root=1-abc"],
            ["Transfer-Encoding", "chunked"], ["Accept", "*/*"],
        ]),
        request("GET", "https://example.amazonaws.com/", service: "service", headers: [["X-Amz-Meta-Name", "café ☕"]]),
        request("GET", "https://example.amazonaws.com/", service: "service", headers: [["X-Amz-Date", "20000101T000000Z"], ["Authorization", "stale"]]),
        request("PUT", "https://example.amazonaws.com/x", service: "service", headers: [["X-Amz-Content-SHA256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"]], body: "hello"),
        request("GET", "https://example.amazonaws.com/", service: "service", headers: [["Host", "override.example.com"]]),
        // Hosts and ports.
        request("GET", "http://127.0.0.1:36847/x", service: "service"),
        request("GET", "http://example.amazonaws.com:80/x", service: "service"),
        request("GET", "https://example.amazonaws.com:443/x", service: "service"),
        request("GET", "https://Example.AmazonAWS.COM:8443/x", service: "service"),
        // Binary bodies.
        request("POST", "https://monitoring.us-east-1.amazonaws.com/service/GraniteServiceVersion20100801/operation/DescribeAlarms", service: "monitoring",
                headers: [["Content-Type", "application/cbor"], ["smithy-protocol", "rpc-v2-cbor"]], bodyBase64: "oWpBbGFybU5hbWVzgXgfSGFzQmFja2xvZw=="),
        request("PUT", bucket + "/big/part.bin?uploadId=abc&partNumber=2", service: "s3", bodyBase64: "AAECA/7/gIE=", s3: true),
        // S3 header signing.
        request("PUT", bucket + "/input/input_data.json", service: "s3", headers: [["Content-Type", "application/json"]], body: #"{"a":1}"#, s3: true),
        request("PUT", bucket + "/input/data.json", service: "s3", headers: [["Content-Type", "application/json"]], body: #"{"a":1}"#, unsigned: true, s3: true),
        request("GET", bucket + "/output/result.out", service: "s3", s3: true, token: true),
        request("GET", bucket + "/a//b/../c/./d%20e", service: "s3", s3: true),
        request("GET", bucket + "/?list-type=2&prefix=photos%2F2024%2F&max-keys=10", service: "s3", s3: true),
        request("HEAD", "http://127.0.0.1:9000/bucket/key%E2%82%AC.txt", service: "s3", region: "ap-northeast-1", s3: true),
        // Presigned URLs.
        request("GET", bucket + "/output/result.out", service: "s3", query: true, s3: true),
        request("GET", bucket + "/output/photo%201.jpg?versionId=3", service: "s3", query: true, expires: 900, s3: true, token: true),
        request("PUT", bucket + "/upload/a%E3%81%82.bin", service: "s3", headers: [["Content-Type", "application/octet-stream"]], query: true, s3: true),
        request("GET", bucket + "/k?a=1&a=2&b=&c", service: "s3", query: true, s3: true),
        request("GET", bucket + "/k?q=a+b&r=x%2Fy", service: "s3", query: true, s3: true),
        request("GET", "https://example.amazonaws.com/?Action=ListUsers&Version=2010-05-08", service: "iam", query: true, token: true),
        request("GET", "https://example.amazonaws.com/path/./x", service: "service", headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]], query: true),
        request("GET", "https://example.amazonaws.com/", service: "service", query: true, expires: 604_800, unsigned: true),
    ] }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func runBotocore(_ lines: [String]) throws -> [String] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/botocore_sign.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            Issue.record("could not start python3 (needed with botocore installed for this test): \(error)")
            throw error
        }
        input.fileHandleForWriting.write(Data(lines.joined(separator: "\n").utf8 + [0x0A]))
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = "python3 with botocore is required for this test and failed (status \(process.terminationStatus)): "
                + String(decoding: stderr, as: UTF8.self)
            Issue.record(Comment(rawValue: message))
            throw CancellationError()
        }
        return String(decoding: stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func matchesBotocoreFieldByField() throws {
        #expect(Self.cases.count >= 40)
        let lines = try Self.cases.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        let expected = try Self.runBotocore(lines)
        try #require(expected.count == lines.count, "botocore answered \(expected.count) of \(lines.count) cases")
        for (index, line) in lines.enumerated() {
            let ours = try Self.jsonObject(try SignCommand.sign(json: Data(line.utf8)))
            let theirs = try Self.jsonObject(expected[index])
            for field in ["canonicalRequest", "stringToSign", "signature", "url"] {
                #expect(ours[field] as? String == theirs[field] as? String, "case \(index) \(field)\ninput: \(line)")
            }
            #expect(ours["headers"] as? [[String]] == theirs["headers"] as? [[String]], "case \(index) headers\ninput: \(line)")
        }
    }
}
