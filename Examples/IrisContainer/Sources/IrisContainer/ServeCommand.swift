import ArgumentParser
import Foundation
import IrisModel
import IrisServing

/// `iris-container serve`: the SageMaker container contract on HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer GET /ping and POST /invocations with the model in SM_MODEL_DIR (default /opt/ml/model).",
        discussion: """
            The port is --port, else SAGEMAKER_BIND_TO_PORT, else PORT, else 8080. A model.tar.gz in \
            the model directory is unpacked first (into a temporary folder); otherwise model.json is \
            read. Without a model the command exits with status 1 before listening.
            """)

    @Option(help: "The address to bind: 0.0.0.0 in a container, 127.0.0.1 to stay on this machine.")
    var host: String = ServeConfiguration.defaultHost

    @Option(help: "The port (overrides SAGEMAKER_BIND_TO_PORT and PORT).")
    var port: UInt16?

    @Option(help: "The folder holding model.tar.gz or model.json (overrides SM_MODEL_DIR).")
    var modelDir: String?

    func run() async throws {
        let configuration: ServeConfiguration
        let server: IrisContainerServer
        do {
            configuration = try ServeConfiguration.resolve(host: host, port: port, modelDirectory: modelDir)
            let model = try await ModelLoader.load(fromDirectory: configuration.modelDirectory)
            server = try IrisContainerServer(classifier: model.classifier, host: configuration.host, port: configuration.port)
            writeToStandardError("model from \(model.source.path): classes \(model.classifier.classNames.joined(separator: ", ")), " +
                "features \(model.classifier.features.map(\.name).joined(separator: ", "))")
        } catch {
            writeToStandardError("iris-container serve: \(error)")
            throw ExitCode.failure
        }

        let signals = StopSignals { signal in
            writeToStandardError("received \(signal), stopping")
            await server.stop()
        }
        writeToStandardError("starting on \(configuration.host):\(configuration.port)")
        do {
            try await server.run()
        } catch {
            // stop() ends run() with an error of its own; only a failure before that is one.
            if signals.received { return }
            writeToStandardError("iris-container serve: cannot serve on \(configuration.host):\(configuration.port): \(error); " +
                "choose another port with SAGEMAKER_BIND_TO_PORT or --port")
            throw ExitCode.failure
        }
    }
}

/// One line for the container log (stderr, which SageMaker sends to CloudWatch).
func writeToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
