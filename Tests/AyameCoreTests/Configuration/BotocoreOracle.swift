import Foundation
@testable import AyameCore

/// Runs botocore (the behaviour reference) in a child `python3` with exactly
/// the test's environment and files, and returns its view as JSON.
///
/// A missing interpreter or botocore is a failure, never a skip: silently
/// skipping would let the cross-checks rot unnoticed.
enum BotocoreOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let clientNames: [(String, AWSServiceID)] = [
        ("sagemaker", .sageMaker), ("sagemaker-runtime", .sageMakerRuntime),
        ("application-autoscaling", .applicationAutoScaling), ("cloudwatch", .cloudWatch), ("s3", .s3),
        ("ecr", .ecr), ("sts", .sts), ("sns", .sns), ("sqs", .sqs),
    ]

    private static let script = #"""
        import json, os, sys
        try:
            import botocore.session
            from botocore.configprovider import ConfiguredEndpointProvider
        except ImportError as e:
            print("botocore is not importable: %s" % e, file=sys.stderr)
            sys.exit(3)

        def norm(v):
            if v is None: return None
            if isinstance(v, bool): return "true" if v else "false"
            if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
            return str(v)

        s = botocore.session.get_session()
        names = ['region', 'retry_mode', 'max_attempts', 'ca_bundle', 'use_fips_endpoint',
                 'use_dualstack_endpoint', 'request_checksum_calculation', 'response_checksum_validation',
                 'sts_regional_endpoints', 'ec2_metadata_service_endpoint', 'metadata_service_timeout',
                 'metadata_service_num_attempts', 'user_agent_appid', 'ignore_configured_endpoint_urls']
        out = {'settings': {n: norm(s.get_config_variable(n)) for n in names}}
        out['profile'] = s.get_config_variable('profile')
        out['s3'] = norm(s.get_config_variable('s3') or {})
        ignore = s.get_config_variable('ignore_configured_endpoint_urls')
        eps = {}
        for client in sys.argv[1:]:
            p = ConfiguredEndpointProvider(s.full_config, s.get_scoped_config(), client, os.environ)
            eps[client] = None if ignore else p.provide()
        out['endpoints'] = eps
        out['profiles'] = norm(s.full_config['profiles'])
        print(json.dumps(out))
        """#

    /// botocore's resolution for `environment` as a JSON object.
    static func run(environment: AWSEnvironment) throws -> [String: Any] {
        let host = ProcessInfo.processInfo.environment
        guard let python = pythonPath(host["PATH"] ?? "/usr/bin:/bin") else {
            throw Failure(description: "python3 was not found on PATH; botocore cross-checks need python3 with botocore")
        }
        // Only what the interpreter needs to start is inherited; everything
        // configuration-related comes from the test's own snapshot.
        var childEnvironment = environment.variables
        for (name, value) in host where name == "PATH" || name.hasPrefix("PYENV") {
            childEnvironment[name] = value
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + clientNames.map(\.0)
        process.environment = childEnvironment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3/botocore failed (status \(process.terminationStatus)): \(errorText)")
        }
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "botocore oracle printed no JSON object")
        }
        return json
    }

    private static func pythonPath(_ path: String) -> String? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Ayame's profiles in the same shape botocore prints.
    static func profilesJSON(_ file: AWSConfigFile) -> [String: [String: AnyHashable]] {
        file.profiles.mapValues { profile in
            profile.properties.mapValues { property -> AnyHashable in
                switch property.value {
                case let .string(text): return text
                case let .subsection(entries): return entries
                }
            }
        }
    }

    static func botocoreProfiles(_ json: [String: Any]) -> [String: [String: AnyHashable]] {
        guard let profiles = json["profiles"] as? [String: [String: Any]] else { return [:] }
        return profiles.mapValues { values in
            values.mapValues { value -> AnyHashable in
                if let text = value as? String { return text }
                if let entries = value as? [String: String] { return entries }
                return "<unexpected \(type(of: value))>"
            }
        }
    }
}
