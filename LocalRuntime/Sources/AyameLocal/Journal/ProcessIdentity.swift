import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What /proc says about a process: enough to tell that a PID still names the process a
/// record was made for, and not a later one that reuses the number.
struct ProcessIdentity: Sendable, Equatable {
    /// Clock ticks after boot (field 22 of /proc/PID/stat); fixed for the process's life.
    let startTime: UInt64
    let processGroup: Int32
    /// `Z` for a zombie: exited, only waiting for its parent to reap it.
    let state: Character

    /// Reads /proc/PID/stat; nil when the process is gone (or there is no /proc, as on macOS,
    /// where stale containers are therefore never stopped).
    static func read(_ processIdentifier: Int32) -> ProcessIdentity? {
        guard let text = try? String(contentsOfFile: "/proc/\(processIdentifier)/stat", encoding: .utf8),
              let nameEnd = text.lastIndex(of: ")") else { return nil }
        // The command name (field 2) may hold spaces and parentheses: count fields after its end.
        let fields = text[text.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let group = Int32(fields[2]), let start = UInt64(fields[19]) else { return nil }
        return ProcessIdentity(startTime: start, processGroup: group, state: state)
    }
}

/// Stops the containers a killed runtime left running: each recorded process whose start time
/// still matches gets SIGTERM (its whole group when it leads one, as the runtime started it),
/// then SIGKILL after `grace`. A PID now naming another process is left alone.
enum StaleContainers {
    static func stop(_ records: [ContainerProcessRecord], grace: Duration = .seconds(3)) async {
        var signalled: [ContainerProcessRecord] = []
        for record in records {
            guard let target = await stillRunning(record) else { continue }
            RuntimeLog.note("stopping container pid \(record.processIdentifier) of endpoint \(record.endpoint) (\(record.instance)), left by a previous run")
            kill(target, SIGTERM)
            signalled.append(record)
        }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            var remaining: [ContainerProcessRecord] = []
            for record in signalled where await stillRunning(record) != nil { remaining.append(record) }
            signalled = remaining
            if signalled.isEmpty { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        for record in signalled {
            if let target = await stillRunning(record) { kill(target, SIGKILL) }
        }
    }

    /// The kill(2) target (minus the PID for its process group) while the recorded process
    /// runs, nil once it is gone, a zombie, or the PID names another process.
    private static func stillRunning(_ record: ContainerProcessRecord) async -> Int32? {
        let pid = record.processIdentifier
        guard let identity = try? await BlockingIO.run({ ProcessIdentity.read(pid) }),
              identity.startTime == record.startTime, identity.state != "Z" else { return nil }
        return identity.processGroup == pid ? -pid : pid
    }
}
