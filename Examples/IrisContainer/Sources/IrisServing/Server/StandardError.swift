import Foundation
import Synchronization
import FlyingSocks

typealias FlyingSocksLogging = FlyingSocks.Logging

/// Lines for the container log. SageMaker ships a container's stdout and stderr to CloudWatch;
/// stderr is unbuffered, so a line is there even when the process is killed right after.
enum StandardError {
    static func writeLine(_ line: String) {
        // One write per line, so lines from concurrent requests do not interleave.
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// FlyingFox's own messages: warnings and errors go to stderr; per-connection chatter is dropped
/// because ``ContainerRoutes`` already logs one line per request, and so is everything after
/// ``IrisContainerServer/stop(timeout:)`` begins, when FlyingFox reports the cancelled
/// connections and listener as errors.
struct StandardErrorServerLogger: FlyingSocksLogging {
    let stopping: StopFlag

    func logDebug(_ debug: @autoclosure () -> String) {}
    func logInfo(_ info: @autoclosure () -> String) {}
    func logWarning(_ warning: @autoclosure () -> String) { write("server warning: \(warning())") }
    func logError(_ error: @autoclosure () -> String) { write("server error: \(error())") }
    func logCritical(_ critical: @autoclosure () -> String) { write("server critical: \(critical())") }

    private func write(_ line: @autoclosure () -> String) {
        guard !stopping.isSet else { return }
        StandardError.writeLine(line())
    }
}

/// Set once, read from any thread.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}
