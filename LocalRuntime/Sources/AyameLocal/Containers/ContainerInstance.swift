import Foundation

/// One running instance of a production variant: a container process on a loopback port.
final class ContainerInstance: Sendable {
    let id: String
    let variantName: String
    let port: Int
    let logPath: String
    let process: ChildProcess
    /// Released when the instance stops (fixed-port images run one at a time).
    let portLease: PortLeases.Lease?
    /// Where the process's start was journaled; its stop is journaled there too.
    let journaled: (journal: StateJournal, record: ContainerProcessRecord)?

    init(
        id: String, variantName: String, port: Int, logPath: String, process: ChildProcess, portLease: PortLeases.Lease?,
        journaled: (journal: StateJournal, record: ContainerProcessRecord)?
    ) {
        self.id = id
        self.variantName = variantName
        self.port = port
        self.logPath = logPath
        self.process = process
        self.portLease = portLease
        self.journaled = journaled
    }

    var invocationsURL: String { "http://127.0.0.1:\(port)/invocations" }
    var pingURL: String { "http://127.0.0.1:\(port)/ping" }

    func stop() async {
        await process.stop()
        await portLease?.release()
        if let journaled { await journaled.journal.note(.containerStopped(journaled.record)) }
    }

    /// The last lines the container wrote, for failure reasons.
    func lastLogLines(_ count: Int = 10) -> String {
        LogTail.lastLines(of: logPath, count: count)
    }
}

enum LogTail {
    static func lastLines(of path: String, count: Int) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: true).suffix(count).joined(separator: "\n")
    }
}

/// Ports that images with a fixed port hold while an instance of theirs runs.
actor PortLeases {
    /// A held port; `release()` gives it back.
    final class Lease: Sendable {
        let port: Int
        let owner: PortLeases
        init(port: Int, owner: PortLeases) {
            self.port = port
            self.owner = owner
        }
        func release() async { await owner.release(port) }
    }

    private var held: Set<Int> = []

    /// The lease, or nil when another instance holds the port.
    func acquire(_ port: Int) -> Lease? {
        guard !held.contains(port) else { return nil }
        held.insert(port)
        return Lease(port: port, owner: self)
    }

    func release(_ port: Int) {
        held.remove(port)
    }
}
