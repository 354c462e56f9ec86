import ArgumentParser
import AyameLocal
import Dispatch
import Foundation
import Synchronization

/// `ayame-local`: the local SageMaker hosting runtime on one loopback endpoint URL.
@main
struct AyameLocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ayame-local",
        abstract: "Serve SageMaker hosting and SageMaker Runtime locally, forwarding every other AWS request to moto.")

    @Option(help: "Loopback port to listen on (0: a free port).")
    var port: Int = 0

    @Option(help: "JSON file mapping image URIs to local commands: {\"images\": {\"<uri>\": {\"command\": [...]}}}.")
    var images: String?

    @Option(help: "AWS API server to forward to (moto); without it moto is started on a free loopback port.")
    var backend: String?

    @Option(help: "Directory for model directories, container logs and the journal; a restart with the same directory restores endpoints and unfinished requests.")
    var stateDir: String = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local").path

    @Option(help: "Divide every AWS duration by this (60: a minute takes a second).")
    var timeScale: Double = 60

    func run() async throws {
        let catalog = try images.map { try ImageCatalog.load(path: $0) } ?? ImageCatalog()
        let runtime = try await LocalRuntime.start(LocalRuntimeConfiguration(
            port: port, images: catalog, backendURL: backend, stateDirectory: stateDir, timeScale: timeScale))
        // Written in one call so a parent reading the first line never sees half of it.
        FileHandle.standardOutput.write(Data("listening on \(runtime.endpointURL)\n".utf8))
        if let pid = runtime.startedBackendProcessIdentifier {
            FileHandle.standardError.write(Data("ayame-local: started moto (pid \(pid)) on \(runtime.backendURL)\n".utf8))
        }
        let signal = await Self.firstTerminationSignal()
        FileHandle.standardError.write(Data("ayame-local: signal \(signal), stopping containers\n".utf8))
        await runtime.shutdown()
    }

    /// Waits for SIGINT or SIGTERM (their default actions are turned off so the runtime can stop
    /// its containers first).
    static func firstTerminationSignal() async -> Int32 {
        let queue = DispatchQueue(label: "ayame-local.signals")
        var sources: [any DispatchSourceSignal] = []
        let signalNumber = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let latch = SignalLatch(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { latch.fire(number) }
                source.resume()
                sources.append(source)
            }
        }
        for source in sources { source.cancel() }
        return signalNumber
    }
}

/// Resumes the waiting continuation once, from whichever signal comes first.
final class SignalLatch: Sendable {
    private let continuation: Mutex<CheckedContinuation<Int32, Never>?>

    init(_ continuation: CheckedContinuation<Int32, Never>) {
        self.continuation = Mutex(continuation)
    }

    func fire(_ number: Int32) {
        continuation.withLock { pending in
            pending?.resume(returning: number)
            pending = nil
        }
    }
}
