import AyameTestSupport
import Foundation
import Testing

/// The walkthrough executable end to end on `ayame-local` in front of the SigV4-verifying moto:
/// every call signed, the Swift iris container really answering, the result awaited from S3,
/// then everything torn down.
@Suite struct WalkthroughTests {
    /// A region of its own, so the walkthrough's fixed names meet no other suite's resources.
    /// scripts/test maps this region's walkthrough image URI to the iris container.
    static let region = "us-west-2"

    static func environment() throws -> [String: String] {
        let variables = ProcessInfo.processInfo.environment
        func required(_ name: String) throws -> String {
            guard let value = variables[name], !value.isEmpty else {
                throw WalkthroughTestFailure("\(name) is not set: run the tests with scripts/test, which starts the SigV4-checking moto and ayame-local")
            }
            return value
        }
        return [
            "PATH": variables["PATH"] ?? "/usr/bin:/bin",
            "HOME": variables["HOME"] ?? "/tmp",
            "AWS_ENDPOINT_URL": try required("AYAME_LOCAL_ENDPOINT"),
            "AWS_ACCESS_KEY_ID": try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": region,
            "AWS_CONFIG_FILE": "/nonexistent/ayame-walkthrough-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-walkthrough-credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    static func run(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        try await BuiltExecutable.run("async-inference-walkthrough", arguments, environment: environment)
    }

    /// The walkthrough's input for one iris, by petal length and width, in a file of its own.
    static func input(petalLength: Double, petalWidth: Double) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-iris-\(UUID()).json")
        try Data(#"{"features": [{"がく片の長さ": 5.0, "がく片の幅": 3.0, "花びらの長さ": \#(petalLength), "花びらの幅": \#(petalWidth)}]}"#.utf8)
            .write(to: file)
        return file
    }

    @Test func theWalkthroughPredictsEverySpeciesSignedAndTearsDown() async throws {
        let environment = try Self.environment()
        // The first run deploys (Creating → InService as the container answers /ping); the next
        // two find everything in place and only invoke.
        for (length, width, species) in [(1.4, 0.2, "setosa"), (4.5, 1.5, "versicolor"), (5.8, 2.2, "virginica")] {
            let input = try Self.input(petalLength: length, petalWidth: width)
            defer { try? FileManager.default.removeItem(at: input) }
            let deployed = try await Self.run(["--input", input.path, "--result-timeout", "120"], environment: environment)
            #expect(deployed.status == 0, "the walkthrough failed:\n\(deployed.output)")
            #expect(deployed.output.contains("async-inference-demo-endpoint is InService"))
            #expect(deployed.output.contains(#"{"hanabira_prediction":"\#(species)"}"#), "\(deployed.output)")
            #expect(!deployed.output.contains(try #require(environment["AWS_SECRET_ACCESS_KEY"])))
        }

        let torndown = try await Self.run(["--teardown", "--delete-bucket"], environment: environment)
        #expect(torndown.status == 0, "the teardown failed:\n\(torndown.output)")
        #expect(torndown.output.contains("removed endpoint async-inference-demo-endpoint"))
        #expect(torndown.output.contains("removed model async-inference-demo-model"))
    }
}

struct WalkthroughTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
