import Foundation

/// Lines for the container log. SageMaker ships a container's stdout and stderr to CloudWatch;
/// stderr is unbuffered, so a line is there even when the process is killed right after.
enum StandardError {
    static func writeLine(_ line: String) {
        // One write per line, so lines from concurrent requests do not interleave.
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
