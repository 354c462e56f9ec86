import Foundation

/// The runtime's one notion of time: every duration AWS defines or a caller passes in AWS
/// seconds is divided by `scale` (`--time-scale`; 60 turns a minute into a second).
struct RuntimeClock: Sendable {
    let scale: Double

    init(scale: Double) {
        self.scale = scale > 0 ? scale : 1
    }

    /// The wall-clock length of `seconds` AWS seconds.
    func duration(awsSeconds seconds: Double) -> Duration {
        .milliseconds(Int64((seconds / scale * 1000).rounded()))
    }

    func sleep(awsSeconds seconds: Double) async throws {
        try await Task.sleep(for: duration(awsSeconds: seconds))
    }

    /// Wall-clock seconds elapsed since `date`, in AWS seconds.
    func awsSecondsSince(_ date: Date) -> Double {
        Date().timeIntervalSince(date) * scale
    }
}

/// How long the emulated control plane takes for each step, in AWS seconds (scaled by the clock).
enum HostingTimings {
    /// Before instances are started: AWS spends minutes finding capacity.
    static let provisioning: Double = 30
    /// Between stopping the containers of a deleted endpoint and forgetting it.
    static let deletion: Double = 30
    /// After the new fleet is healthy and before the switch of an update.
    static let switchover: Double = 15
    /// How long a container may take to answer GET /ping with 200 when the variant does not say
    /// (`ContainerStartupHealthCheckTimeoutInSeconds`).
    static let defaultHealthCheckTimeout: Double = 600
}
