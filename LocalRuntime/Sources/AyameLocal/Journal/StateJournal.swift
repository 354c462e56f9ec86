import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only journal of one state directory (`journal.jsonl`, one JSON record a line).
///
/// `append` returns only once the record is written and fsync'd, so whatever a caller does
/// after it (answering 202, publishing a notification) happens after the record is durable.
/// Writes run on one serial Dispatch queue: records land in the order they were appended, and
/// the cooperative pool's threads never wait on a disk.
final class StateJournal: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let fileName = "journal.jsonl"

    let path: String
    /// The open descriptor, -1 once closed; touched only on `queue`.
    private let descriptor: Mutex<Int32>
    private let queue = DispatchQueue(label: "ayame-local.journal")

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    /// Reads the journal of `stateDirectory` (a missing one is empty) and returns what it adds
    /// up to. A torn last line (the crash came mid-write) is ignored: its append never returned.
    static func replay(stateDirectory: String) async throws -> JournalState {
        let path = "\(stateDirectory)/\(fileName)"
        let data = try await BlockingIO.run { FileManager.default.contents(atPath: path) ?? Data() }
        var state = JournalState()
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            do {
                state.apply(try decoder.decode(JournalRecord.self, from: Data(line)))
            } catch {
                RuntimeLog.note("journal \(path): skipping a record that does not decode (\(error))")
            }
        }
        return state
    }

    /// Replaces the journal with `records` (written to a new file, fsync'd, renamed over the old
    /// one, so a crash leaves either journal whole) and opens it for appending.
    static func rewrite(stateDirectory: String, with records: [JournalRecord]) async throws -> StateJournal {
        let path = "\(stateDirectory)/\(fileName)"
        let encoder = JSONEncoder()
        var contents = Data()
        for record in records {
            contents += try encoder.encode(record)
            contents.append(UInt8(ascii: "\n"))
        }
        let snapshot = contents
        let descriptor = try await BlockingIO.run { () throws -> Int32 in
            let temporary = "\(path).rewriting"
            let file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard file >= 0 else { throw Failure(description: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
            let written = Self.writeFully(file, snapshot) && fsync(file) == 0
            close(file)
            guard written else { throw Failure(description: "cannot write \(temporary): \(String(cString: strerror(errno)))") }
            guard rename(temporary, path) == 0 else { throw Failure(description: "cannot rename \(temporary): \(String(cString: strerror(errno)))") }
            // The rename itself is durable only once the directory is synced.
            let directory = open(stateDirectory, O_RDONLY | O_CLOEXEC)
            if directory >= 0 {
                fsync(directory)
                close(directory)
            }
            let appending = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard appending >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
            return appending
        }
        return StateJournal(path: path, descriptor: descriptor)
    }

    /// Writes the record and fsyncs it; returns when it is on disk.
    func append(_ record: JournalRecord) async throws {
        var line = try JSONEncoder().encode(record)
        line.append(UInt8(ascii: "\n"))
        let bytes = line
        let path = self.path
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async { [self] in
                let result: Result<Void, any Error> = self.descriptor.withLock { file in
                    guard file >= 0 else { return .failure(Failure(description: "the journal \(path) is closed")) }
                    guard Self.writeFully(file, bytes), fsync(file) == 0 else {
                        return .failure(Failure(description: "cannot append to \(path): \(String(cString: strerror(errno)))"))
                    }
                    return .success(())
                }
                continuation.resume(with: result)
            }
        }
    }

    /// Appends, and logs a record that cannot be written: for records whose loss costs a restart
    /// some of its memory but must not stop the runtime now.
    func note(_ record: JournalRecord) async {
        do {
            try await append(record)
        } catch {
            RuntimeLog.note("\(error)")
        }
    }

    /// Closes the file after the appends already queued.
    func closeFile() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                self.descriptor.withLock { file in
                    if file >= 0 { _ = close(file) }
                    file = -1
                }
                continuation.resume()
            }
        }
    }

    private static func writeFully(_ file: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(file, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }
}
