import Foundation
import Synchronization

/// SIGTERM and SIGINT as a graceful stop. In a container `serve` is PID 1, which the kernel
/// does not kill on SIGTERM by default: without this, `docker stop` and SageMaker would wait
/// for their timeout and SIGKILL.
final class StopSignals {
    /// Set by the first stop signal; later ones are ignored.
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private let flag = Flag()
    // Kept so the sources live as long as the server runs.
    private var sources: [any DispatchSourceSignal] = []

    /// Whether a stop signal has arrived.
    var received: Bool { flag.value.load(ordering: .acquiring) }

    init(onStop: @escaping @Sendable (String) async -> Void) {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            // Dispatch sees the signal only once its default action is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [flag] in
                guard !flag.value.exchange(true, ordering: .acquiringAndReleasing) else { return }
                Task { await onStop(name) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
