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
    /// `/opt/ml/model`.
    public static func resolve(
        host: String = defaultHost,
        port: UInt16? = nil,
        modelDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServeConfiguration {
        let resolvedPort: UInt16
        if let port {
            resolvedPort = port
        } else if let (name, value) = ["SAGEMAKER_BIND_TO_PORT", "PORT"].lazy.compactMap({ name in environment[name].map { (name, $0) } }).first {
            guard let parsed = UInt16(value.trimmingCharacters(in: .whitespaces)), parsed > 0 else {
                throw ServeConfigurationError("\(name)=\(value) is not a TCP port; set it to a number from 1 to 65535 or unset it")
            }
            resolvedPort = parsed
        } else {
            resolvedPort = defaultPort
        }
        let directory = modelDirectory ?? environment["SM_MODEL_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultModelDirectory
        return ServeConfiguration(host: host, port: resolvedPort, modelDirectory: URL(fileURLWithPath: directory, isDirectory: true))
    }
}

/// An environment value `serve` cannot use.
public struct ServeConfigurationError: Error, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var description: String

    init(_ description: String) { self.description = description }
}
