import Foundation
@testable import AyameCore

/// A private temporary directory holding `config` and `credentials` files,
/// removed when the test releases it.
final class TemporaryAWSDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ayame-config-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var configPath: String { url.appendingPathComponent("config").path }
    var credentialsPath: String { url.appendingPathComponent("credentials").path }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An environment pointing the SDK at this directory's files, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(
            ["AWS_CONFIG_FILE": configPath, "AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "HOME": url.path]
                .merging(extra) { _, new in new })
    }

    /// Writes the given files (omitted ones stay missing) and builds a resolver.
    func resolver(
        config: String? = nil, credentials: String? = nil, env: [String: String] = [:], profile: String? = nil
    ) throws -> ConfigurationResolver {
        if let config { try write("config", config) }
        if let credentials { try write("credentials", credentials) }
        return try ConfigurationResolver(profile: profile, environment: environment(env))
    }
}

func parse(_ text: String) throws -> AWSINIDocument {
    try AWSINIDocument.parse(text, path: "/test/config")
}

func section(_ document: AWSINIDocument, _ name: String) -> AWSINISection? {
    document.sections.first { $0.name == name }
}

func string(_ section: AWSINISection?, _ key: String) -> String? {
    section?.properties[key]?.value.stringValue
}
