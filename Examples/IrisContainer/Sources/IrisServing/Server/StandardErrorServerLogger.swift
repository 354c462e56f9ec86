import FlyingSocks
import Synchronization

/// FlyingFox's own messages: warnings and errors go to stderr; per-connection chatter is dropped
/// because ``ContainerRoutes`` already logs one line per request, critical errors because
/// ``IrisContainerServer/run()`` throws them, and everything after
/// ``IrisContainerServer/stop(timeout:)`` begins, when FlyingFox reports the cancelled
/// connections and listener as errors.
struct StandardErrorServerLogger: FlyingSocks.Logging {
    let stopping: StopFlag

    func logDebug(_ debug: @autoclosure () -> String) {}
    func logInfo(_ info: @autoclosure () -> String) {}
    func logWarning(_ warning: @autoclosure () -> String) { write("server warning: \(warning())") }
    func logError(_ error: @autoclosure () -> String) { write("server error: \(error())") }
    // FlyingFox logs a critical error just before `run()` throws it, twice for a failed bind;
    // `serve` reports that error with what to do, so these lines would only repeat it.
    func logCritical(_ critical: @autoclosure () -> String) {}

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
