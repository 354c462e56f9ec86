import Foundation

/// One line of `<state dir>/scaling-timeline.jsonl` per endpoint and evaluation: what the queue,
/// the instances and the alarms were, and what was done — the scale-to-zero story in order, for
/// people (scripts/demo prints it) and tests.
struct TimelineEntry: Sendable, Codable, Equatable {
    /// AWS seconds since the runtime started.
    var time: Double
    var endpoint: String
    var status: String
    /// ApproximateBacklogSize.
    var backlog: Int
    /// Running instances, over every variant.
    var instances: Int
    /// DesiredInstanceCount, over every variant.
    var desired: Int
    /// The state of each alarm on the endpoint's metrics, target-tracking ones included.
    var alarms: [String: String]
    /// The scaling activities started in this evaluation (their causes and new counts).
    var actions: [String]
}

/// Appends timeline entries to a JSON-lines file, in order, off the cooperative threads.
actor ScalingTimeline {
    private let path: String
    private var handle: FileHandle?

    init(stateDirectory: String) {
        path = "\(stateDirectory)/scaling-timeline.jsonl"
    }

    func append(_ entries: [TimelineEntry]) async {
        guard !entries.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = Data()
        for entry in entries {
            guard let line = try? encoder.encode(entry) else { continue }
            data.append(line)
            data.append(0x0A)
        }
        let path = self.path
        let existing = handle
        let payload = data
        handle = try? await BlockingIO.run { () throws -> FileHandle in
            let file: FileHandle
            if let existing {
                file = existing
            } else {
                if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
                guard let opened = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
                opened.seekToEndOfFile()
                file = opened
            }
            file.write(payload)
            return file
        }
    }
}
