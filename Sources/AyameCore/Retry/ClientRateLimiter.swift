import Foundation
import Synchronization

/// Client-side rate limiting of the `adaptive` retry mode.
///
/// Dormant until the first throttling response; from then on every send takes a token from a
/// bucket whose fill rate follows CUBIC congestion control: cut to 70% of the measured send rate
/// on throttling, grown back along a cubic curve while responses succeed. Numbers follow the
/// AWS SDKs (scale 0.4, beta 0.7, smoothing 0.8, half-second measuring buckets, minimum
/// 0.5 requests per second).
public final class ClientRateLimiter: Sendable {
    struct State {
        var enabled = false
        // Token bucket.
        var fillRate: Double = 0.5
        var maximumCapacity: Double = 1
        var capacity: Double = 0
        var lastRefill: Double?
        // CUBIC.
        var maximumRate: Double = 0
        var zeroPoint: Double = 0
        var lastThrottle: Double
        // Measured send rate.
        var measuredRate: Double = 0
        var lastBucket: Double
        var requestsInBucket: Double = 0
    }

    static let scale = 0.4
    static let beta = 0.7
    static let smoothing = 0.8
    static let bucketsPerSecond = 2.0
    static let minimumFillRate = 0.5

    private let state: Mutex<State>
    private let now: @Sendable () -> Double
    private let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a dormant limiter.
    /// - Parameters:
    ///   - now: a monotonic clock in seconds; replaceable in tests.
    ///   - sleep: how to wait; replaceable in tests.
    public init(
        now: @escaping @Sendable () -> Double = ClientRateLimiter.monotonicSeconds,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        let start = now()
        self.now = now
        self.sleep = sleep
        self.state = Mutex(State(lastThrottle: start, lastBucket: (start * Self.bucketsPerSecond).rounded(.down) / Self.bucketsPerSecond))
    }

    /// Whether throttling has switched the limiter on.
    public var isEnabled: Bool { state.withLock { $0.enabled } }

    /// The current send rate limit in requests per second (meaningful once enabled).
    public var sendRate: Double { state.withLock { $0.fillRate } }

    /// Waits for a send token; returns at once while the limiter is dormant.
    ///
    /// The token is taken up front, so capacity can go negative while callers wait: concurrent
    /// senders then queue up behind each other at the fill rate instead of all waking at once.
    /// A wait that ends by cancellation (the error `sleep` throws) gives the token back.
    public func acquireToken() async throws {
        let wait: Double? = state.withLock { state in
            guard state.enabled else { return nil }
            Self.refill(&state, at: now())
            state.capacity -= 1
            return state.capacity >= 0 ? nil : -state.capacity / state.fillRate
        }
        guard let wait else { return }
        do {
            try await sleep(.seconds(wait))
        } catch {
            // The caller will not send: give its token back, or every cancelled wait would
            // push the senders behind it one token further back.
            state.withLock { state in
                state.capacity = min(state.maximumCapacity, state.capacity + 1)
            }
            throw error
        }
    }

    /// Feeds a response into the rate estimate; `throttled` switches the limiter on.
    public func recordResponse(throttled: Bool) {
        let timestamp = now()
        state.withLock { state in
            let measured = Self.measure(&state, at: timestamp)
            let newRate: Double
            if throttled {
                let rateToUse = state.enabled ? min(measured, state.fillRate) : measured
                state.maximumRate = rateToUse
                state.zeroPoint = Self.zeroPoint(maximumRate: rateToUse)
                state.lastThrottle = timestamp
                newRate = rateToUse * Self.beta
                state.enabled = true
            } else {
                let elapsed = timestamp - state.lastThrottle - state.zeroPoint
                newRate = Self.scale * elapsed * elapsed * elapsed + state.maximumRate
            }
            Self.setFillRate(&state, min(newRate, 2 * measured), at: timestamp)
        }
    }

    private static func zeroPoint(maximumRate: Double) -> Double {
        cbrt(maximumRate * (1 - beta) / scale)
    }

    private static func measure(_ state: inout State, at timestamp: Double) -> Double {
        let bucket = (timestamp * bucketsPerSecond).rounded(.down) / bucketsPerSecond
        state.requestsInBucket += 1
        if bucket > state.lastBucket {
            let current = state.requestsInBucket / (bucket - state.lastBucket)
            state.measuredRate = current * smoothing + state.measuredRate * (1 - smoothing)
            state.requestsInBucket = 0
            state.lastBucket = bucket
        }
        return state.measuredRate
    }

    private static func refill(_ state: inout State, at timestamp: Double) {
        guard let last = state.lastRefill else {
            state.lastRefill = timestamp
            return
        }
        state.capacity = min(state.maximumCapacity, state.capacity + (timestamp - last) * state.fillRate)
        state.lastRefill = timestamp
    }

    private static func setFillRate(_ state: inout State, _ rate: Double, at timestamp: Double) {
        refill(&state, at: timestamp)
        state.fillRate = max(rate, minimumFillRate)
        state.maximumCapacity = max(rate, 1)
        state.capacity = min(state.capacity, state.maximumCapacity)
    }

    /// Seconds on the system's monotonic clock.
    @Sendable public static func monotonicSeconds() -> Double {
        ContinuousClock.zeroReference.duration(to: .now).seconds
    }
}

extension ContinuousClock {
    /// A fixed reference instant so `Duration`s can be turned into plain seconds.
    fileprivate static let zeroReference = ContinuousClock.now
}

