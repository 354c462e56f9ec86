import Synchronization

/// Folds the progress of a transfer's concurrent parts into one ordered sequence of
/// `S3TransferProgress` events.
///
/// Bytes count as they move (read for sending, or written to the file), so a bar advances while
/// a part is in flight, not only when it ends. The rules a progress bar can rely on:
///
/// - `transferredBytes` never goes down and never passes `totalBytes`; the last event of a
///   transfer that succeeded reports exactly the total, with every part completed.
/// - A part that is sent or fetched again (a retried attempt, a rewound body) counts from zero
///   again, but the reported figure holds still until the new attempt has made up the lost
///   ground, so a retry shows as a pause, never as a step back or a jump past the total.
/// - In-flight events come at most once per 64 KiB and per 100 ms; the opening event and every
///   part's completion are always reported.
///
/// Events are delivered one at a time, in order, on whichever thread moved the bytes (the
/// transport's, for in-flight events), so the callback must be quick.
final class ProgressMeter: Sendable {
    /// In-flight events wait for at least this much progress...
    static let minimumStep: Int64 = 64 * 1024
    /// ...and at least this long since the previous event.
    static let minimumInterval: Duration = .milliseconds(100)

    private struct State {
        var completedBytes: Int64
        var completedParts: Int
        var inFlight: [Int: Int64] = [:]
        var inFlightTotal: Int64 = 0
        var finished: Set<Int> = []
        var reported: Int64
        var lastEventBytes: Int64
        var lastEventAt: ContinuousClock.Instant
    }

    private let state: Mutex<State>
    private let total: Int64?
    private let totalParts: Int?
    private let started = ContinuousClock.now
    private let interval: Duration
    private let report: (@Sendable (S3TransferProgress) -> Void)?

    /// A meter for `total` bytes in `totalParts` parts (nil: unknown), of which `alreadyDone`
    /// bytes in `partsDone` parts were transferred before (a resumed upload). `interval` is
    /// the least time between in-flight events.
    init(
        total: Int64?, totalParts: Int?, alreadyDone: Int64 = 0, partsDone: Int = 0,
        interval: Duration = ProgressMeter.minimumInterval, report: (@Sendable (S3TransferProgress) -> Void)?
    ) {
        self.total = total
        self.totalParts = totalParts
        self.interval = interval
        self.report = report
        state = Mutex(State(
            completedBytes: alreadyDone, completedParts: partsDone, reported: alreadyDone, lastEventBytes: alreadyDone,
            lastEventAt: ContinuousClock.now))
    }

    /// Whether anyone listens; without a listener callers skip the counting altogether.
    var isReporting: Bool { report != nil }

    /// Reports where the transfer starts (0, or what a resumed upload already holds).
    func start() {
        guard let report else { return }
        state.withLock { state in
            state.lastEventAt = ContinuousClock.now
            report(event(state))
        }
    }

    /// Counts `bytes` more of `part`'s current attempt.
    func advance(part: Int, by bytes: Int) {
        guard let report, bytes > 0 else { return }
        state.withLock { state in
            guard !state.finished.contains(part) else { return }
            state.inFlight[part, default: 0] += Int64(bytes)
            state.inFlightTotal += Int64(bytes)
            raise(&state)
            let now = ContinuousClock.now
            guard state.reported - state.lastEventBytes >= Self.minimumStep, now - state.lastEventAt >= interval else {
                return
            }
            state.lastEventBytes = state.reported
            state.lastEventAt = now
            report(event(state))
        }
    }

    /// `part` starts over (a new attempt, a rewound body): its in-flight bytes count from zero.
    func restart(part: Int) {
        guard report != nil else { return }
        state.withLock { state in
            guard let counted = state.inFlight.removeValue(forKey: part) else { return }
            state.inFlightTotal -= counted
        }
    }

    /// `part`, of `bytes`, is done; always reported.
    func finish(part: Int, bytes: Int64) {
        guard let report else { return }
        state.withLock { state in
            guard state.finished.insert(part).inserted else { return }
            state.inFlightTotal -= state.inFlight.removeValue(forKey: part) ?? 0
            state.completedBytes += bytes
            state.completedParts += 1
            raise(&state)
            state.lastEventBytes = state.reported
            state.lastEventAt = ContinuousClock.now
            report(event(state))
        }
    }

    /// Moves the reported figure up to what has moved, never down, never past the total.
    private func raise(_ state: inout State) {
        var moved = state.completedBytes + state.inFlightTotal
        if let total { moved = min(moved, total) }
        state.reported = max(state.reported, moved)
    }

    private func event(_ state: State) -> S3TransferProgress {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return S3TransferProgress(
            transferredBytes: state.reported, totalBytes: total, completedParts: state.completedParts, totalParts: totalParts,
            bytesPerSecond: seconds > 0 ? Double(state.reported) / seconds : 0)
    }
}
