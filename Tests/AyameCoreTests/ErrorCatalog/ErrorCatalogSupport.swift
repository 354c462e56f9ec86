@testable import AyameCore
import Foundation
import Testing

/// The message a user sees when `body` fails (its `description`), or `<no error>`.
func errorText(_ body: () async throws -> Void) async -> String {
    do {
        try await body()
        return "<no error>"
    } catch {
        return "\(error)"
    }
}

/// Compares a catalog row's message; a row without an expectation prints the message so the
/// catalog can be written from what users really get.
func expectCatalogRow(_ name: String, _ text: String, _ expected: String?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let expected else {
        print("CATALOG\t\(name)\t\(text.replacingOccurrences(of: "\n", with: "\\n"))")
        Issue.record("no expected message for \(name)", sourceLocation: sourceLocation)
        return
    }
    #expect(text == expected, sourceLocation: sourceLocation)
}

extension ErrorCatalogTests {
    /// No config or credentials files: the rows must not depend on the machine's.
    var noFiles: [String: String] {
        ["AWS_CONFIG_FILE": "/nonexistent/ayame-catalog-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-catalog-credentials"]
    }

    /// Resolves credentials from `profile` of a config file holding `config`.
    func profileChain(_ config: String, profile: String) async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", config)
        _ = try await makeChain(directory, profile: profile, sts: RecordingSTS()).resolveCredentials()
    }

    /// Resolves credentials from a `credential_process` that prints `output` and `stderr` and exits with `status`.
    func processChain(printing output: String, stderr: String = "", status: Int = 0) async throws {
        let directory = try TemporaryAWSDirectory()
        let script = try CredentialProcessTests.script(
            directory, "echo '\(output)'; echo '\(stderr)' >&2; exit \(status)", name: "helper.sh")
        try directory.write("config", "[profile a]\ncredential_process = \(script)\n")
        do {
            _ = try await makeChain(directory, profile: "a").resolveCredentials()
        } catch {
            // The script's folder is temporary: show it as the place a user's helper would be.
            throw CatalogError("\(error)".replacingOccurrences(of: directory.url.path, with: "/opt/tools"))
        }
    }

    /// Calls the pipeline test service once against a fault server answering with `step`.
    func respond(_ step: [String: Any], maximumAttempts: Int = 1) async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([step])
        do {
            _ = try await scenario.runtime(maximumAttempts: maximumAttempts).execute(PipelineTestService.operation, input: nil)
        } catch {
            // The fault server's port and scenario differ per run.
            throw CatalogError("\(error)"
                .replacingOccurrences(of: scenario.endpoint, with: "http://127.0.0.1:4566")
                .replacingOccurrences(of: "req-\(scenario.name)-1", with: "req-1"))
        }
    }
}

/// An error message with the run-specific parts replaced.
struct CatalogError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
