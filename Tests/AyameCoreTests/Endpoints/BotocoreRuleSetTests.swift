import AyameCore
import Foundation
import Testing

/// Evaluates the rule sets botocore ships (newer than the corpus's) to show that real,
/// current documents parse and resolve. botocore is found through `python3` (scripts/test
/// installs it); `AYAME_BOTOCORE_DATA` may name a `botocore/data` folder instead. Without
/// either the tests fail and say so.
@Suite("botocore's shipped rule sets")
struct BotocoreRuleSetTests {
    @Test("Each service parses and resolves a regional endpoint", arguments: BotocoreRuleSets.expectedHosts)
    func regional(_ service: String, _ host: String) throws {
        let ruleSet = try BotocoreRuleSets.load(service)
        #expect(ruleSet.parameter(forBuiltIn: .region) != nil)
        let tokyo = try ruleSet.resolve([:], builtIns: [.region: "ap-northeast-1"])
        #expect(tokyo.url == "https://\(host).ap-northeast-1.amazonaws.com")
        let virginia = try ruleSet.resolve([:], builtIns: [.region: "us-east-1"])
        #expect(virginia.url.hasPrefix("https://") && virginia.url.hasSuffix(".amazonaws.com"))
    }

    @Test("Each service honours a custom endpoint", arguments: BotocoreRuleSets.expectedHosts.map(\.0))
    func customEndpoint(_ service: String) throws {
        let ruleSet = try BotocoreRuleSets.load(service)
        let result = try ruleSet.resolve([:], builtIns: [.region: "us-east-1", .endpoint: "http://127.0.0.1:5000"])
        #expect(result.url == "http://127.0.0.1:5000")
    }

    @Test("S3 with an IP custom endpoint uses path style")
    func s3CustomIPEndpoint() throws {
        let s3 = try BotocoreRuleSets.load("s3")
        let result = try s3.resolve(["Bucket": "bucket"], builtIns: [.region: "us-east-1", .endpoint: "http://127.0.0.1:5000"])
        #expect(result.url == "http://127.0.0.1:5000/bucket")
        let scheme = try #require(result.authSchemes.first)
        #expect(scheme.name == "sigv4" && scheme.signingName == "s3" && scheme.signingRegion == "us-east-1")
        #expect(scheme.disableDoubleEncoding == true)
    }

    @Test("S3 virtual-hosted style by default, path style when forced")
    func s3Addressing() throws {
        let s3 = try BotocoreRuleSets.load("s3")
        let virtual = try s3.resolve(["Bucket": "bucket"], builtIns: [.region: "ap-northeast-1"])
        #expect(virtual.url == "https://bucket.s3.ap-northeast-1.amazonaws.com")
        let forced = try s3.resolve(["Bucket": "bucket"], builtIns: [.region: "ap-northeast-1", .s3ForcePathStyle: true])
        #expect(forced.url == "https://s3.ap-northeast-1.amazonaws.com/bucket")
        let forcedCustom = try s3.resolve(
            ["Bucket": "bucket"],
            builtIns: [.region: "us-east-1", .endpoint: "http://localhost:5000", .s3ForcePathStyle: true]
        )
        #expect(forcedCustom.url == "http://localhost:5000/bucket")
        let dotted = try s3.resolve(["Bucket": "my.bucket"], builtIns: [.region: "us-east-1"])
        #expect(dotted.url == "https://s3.us-east-1.amazonaws.com/my.bucket")
    }

    @Test("Errors from shipped rules carry their message")
    func ruleError() throws {
        let s3 = try BotocoreRuleSets.load("s3")
        #expect(throws: EndpointError.ruleError(message: "Accelerate cannot be used with FIPS")) {
            try s3.resolve(["Bucket": "bucket"], builtIns: [.region: "us-east-1", .useFIPS: true, .s3Accelerate: true])
        }
    }
}

enum BotocoreRuleSets {
    static let dataDirectory: URL? = {
        if let configured = ProcessInfo.processInfo.environment["AYAME_BOTOCORE_DATA"] {
            return URL(fileURLWithPath: configured)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let path = String(data: output, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        return URL(fileURLWithPath: path)
    }()

    /// botocore folder name and the regional host label each service resolves to.
    static let expectedHosts: [(String, String)] = [
        ("s3", "s3"), ("sts", "sts"), ("sagemaker", "api.sagemaker"), ("sagemaker-runtime", "runtime.sagemaker"),
        ("application-autoscaling", "application-autoscaling"), ("cloudwatch", "monitoring"), ("ecr", "api.ecr"),
        ("sns", "sns"), ("sqs", "sqs"),
    ]

    static func load(_ service: String) throws -> EndpointRuleSet {
        let dataDirectory = try #require(
            dataDirectory,
            "botocore was not found: run scripts/test (it installs botocore) or set AYAME_BOTOCORE_DATA to a botocore/data folder"
        )
        let serviceDirectory = dataDirectory.appendingPathComponent(service)
        let versions = try FileManager.default.contentsOfDirectory(atPath: serviceDirectory.path).sorted()
        let file = try #require(versions.last.map {
            serviceDirectory.appendingPathComponent($0).appendingPathComponent("endpoint-rule-set-1.json.gz")
        })
        return try EndpointRuleSet(data: try gunzip(file))
    }

    /// Foundation has no gzip decoder, and the library must not gain a dependency for a
    /// test, so the system tool does it.
    private static func gunzip(_ file: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip failed for \(file.path)")
        return data
    }
}
