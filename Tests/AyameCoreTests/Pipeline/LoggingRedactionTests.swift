import AyameCore
import Foundation
import Logging
import Synchronization
import Testing

/// Collects log lines in memory so a test can read what the pipeline logged.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "ayame-tests") { _ in CapturingHandler(log: self) }
    }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            log.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
        }
    }
}

@Suite struct LoggingRedactionTests {
    @Test func requestLinesNeverCarrySecretsOrSignatures() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([
            ["status": 500, "body": #"{"__type": "InternalFailure"}"#],
            ["status": 200, "body": "{}"],
        ])
        let log = CapturedLog()
        _ = try await scenario.runtime(logger: log.logger).execute(PipelineTestService.operation, input: nil)
        let lines = log.all
        #expect(lines.contains { $0.contains("Pipeline Test.DoThing attempt 1") })
        #expect(lines.contains { $0.contains("InternalFailure") })
        let received = try await scenario.received()
        let signatures = received.compactMap { $0.header("Authorization")?.components(separatedBy: "Signature=").last }
        #expect(signatures.count == 2)
        for line in lines {
            #expect(!line.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
            for signature in signatures { #expect(!line.contains(signature)) }
        }
    }
}
