import Foundation

/// Runs a command found on `PATH` to completion. Used for `tar` and `gzip`: the container and
/// the seed's `serve` script rely on the same tools, and Foundation has no archive API on Linux.
///
/// It blocks the calling thread, so async callers go through ``ModelArchive``'s async wrappers,
/// which move it off the cooperative pool.
enum ExternalCommand {
    static func run(_ command: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ModelArchiveError("cannot start `\(command)` (\(error.localizedDescription)); install it and put it on PATH")
        }
        // Read before waiting: a child that fills the pipe would otherwise never exit.
        let errorOutput = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = String(decoding: errorOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ModelArchiveError("`\(command) \(arguments.joined(separator: " "))` failed with status \(process.terminationStatus): \(message)")
        }
    }
}
