import Foundation
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
/// because ``ContainerRoutes`` already logs one line per request.
struct StandardErrorServerLogger: FlyingSocksLogging {
    func logDebug(_ debug: @autoclosure () -> String) {}
    func logInfo(_ info: @autoclosure () -> String) {}
    func logWarning(_ warning: @autoclosure () -> String) { StandardError.writeLine("server warning: \(warning())") }
    func logError(_ error: @autoclosure () -> String) { StandardError.writeLine("server error: \(error())") }
    func logCritical(_ critical: @autoclosure () -> String) { StandardError.writeLine("server critical: \(critical())") }
}
