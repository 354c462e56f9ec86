import AyameCore
import Foundation
import Testing

/// Clients of the generated modules, set up against the moto server scripts/test starts on
/// loopback, the way a user's program sets them up: `AWSClientRuntime.standard` with everything
/// from the environment.
enum MotoServices {
    struct Missing: Error, CustomStringConvertible {
        let description = "AYAME_MOTO_ENDPOINT is not set: run the tests with scripts/test, which starts moto on a free loopback port"
    }

    static func environment() throws -> AWSEnvironment {
        guard let endpoint = ProcessInfo.processInfo.environment["AYAME_MOTO_ENDPOINT"], !endpoint.isEmpty else {
            throw Missing()
        }
        return AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_REGION": "ap-northeast-1",
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
    }

    static func runtime(_ service: ServiceDescriptor) async throws -> AWSClientRuntime {
        try await AWSClientRuntime.standard(service: service, environment: environment())
    }

    /// A name no other test run uses.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(8))"
    }
}
