import Foundation

/// Where `serve` listens and where it finds its model, resolved from the SageMaker container
/// environment with command-line overrides.
public struct ServeConfiguration: Sendable, Equatable {
    /// The address to bind: `0.0.0.0` in a container; `127.0.0.1` (or `::1`) for local tests.
    public var host: String
    /// The TCP port.
    public var port: UInt16
    /// The folder holding `model.tar.gz` or `model.json`.
    public var modelDirectory: URL

    /// A configuration with every value given.
    public init(host: String, port: UInt16, modelDirectory: URL) {
        self.host = host
        self.port = port
        self.modelDirectory = modelDirectory
    }

    /// The host a container binds by default: every interface.
    public static let defaultHost = "0.0.0.0"
    /// The port SageMaker sends requests to unless it sets `SAGEMAKER_BIND_TO_PORT`.
    public static let defaultPort: UInt16 = 8080
    /// Where SageMaker puts the model unless `SM_MODEL_DIR` says otherwise.
    public static let defaultModelDirectory = "/opt/ml/model"

    /// Resolves the configuration: the port from `port`, else `SAGEMAKER_BIND_TO_PORT`, else
    /// `PORT`, else 8080; the model directory from `modelDirectory`, else `SM_MODEL_DIR`, else
    /// `/opt/ml/model`. An empty variable counts as unset.
    public static func resolve(
        host: String = defaultHost,
        port: UInt16? = nil,
        modelDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServeConfiguration {
        let resolvedPort = try port ?? portFromEnvironment(environment) ?? defaultPort
        let directory = modelDirectory ?? nonEmpty(environment["SM_MODEL_DIR"]) ?? defaultModelDirectory
        return ServeConfiguration(host: host, port: resolvedPort, modelDirectory: URL(fileURLWithPath: directory, isDirectory: true))
    }

    private static func portFromEnvironment(_ environment: [String: String]) throws -> UInt16? {
        for name in ["SAGEMAKER_BIND_TO_PORT", "PORT"] {
            guard let value = nonEmpty(environment[name]) else { continue }
            guard let port = UInt16(value.trimmingCharacters(in: .whitespaces)), port > 0 else {
                throw ServeConfigurationError("\(name)=\(value) is not a TCP port; set it to a number from 1 to 65535 or unset it")
            }
            return port
        }
        return nil
    }

    private static func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// An environment value `serve` cannot use.
public struct ServeConfigurationError: Error, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var description: String

    init(_ description: String) { self.description = description }
}
