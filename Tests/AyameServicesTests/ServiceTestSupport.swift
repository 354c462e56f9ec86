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

/// Clients against the second moto server scripts/test starts, which verifies SigV4: its first
/// requests were spent creating an IAM user with an allow-all policy, whose keys scripts/test
/// exports. Every call here must be signed correctly to succeed.
enum MotoSigV4Services {
    struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String {
            "\(variable) is not set: run the tests with scripts/test, which starts a SigV4-verifying moto and exports "
                + "AYAME_MOTO_SIGV4_ENDPOINT, AYAME_MOTO_SIGV4_ACCESS_KEY_ID and AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"
        }
    }

    private static func required(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// The environment a user's program would see; `secret` replaces the real secret key to
    /// provoke a signature mismatch.
    static func environment(secret: String? = nil) throws -> AWSEnvironment {
        AWSEnvironment([
            "AWS_ACCESS_KEY_ID": try required("AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            "AWS_SECRET_ACCESS_KEY": try secret ?? required("AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            "AWS_REGION": "ap-northeast-1",
            "AWS_ENDPOINT_URL": try required("AYAME_MOTO_SIGV4_ENDPOINT"),
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ])
    }

    static func runtime(_ service: ServiceDescriptor, secret: String? = nil) async throws -> AWSClientRuntime {
        try await AWSClientRuntime.standard(service: service, environment: environment(secret: secret))
    }
}
