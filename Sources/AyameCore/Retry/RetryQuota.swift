import Synchronization

/// The client-wide retry budget of the standard retry mode.
///
/// Every retry takes capacity; every success gives some back. When a dependency is down, the
/// budget drains and calls fail fast instead of multiplying load — that is what makes standard
/// mode safe for multi-tenant programs. One quota is shared by all calls of a client.
public final class RetryQuota: Sendable {
    /// The capacity a new quota starts with and never exceeds.
    public let maximumCapacity: Int
    private let available: Mutex<Int>

    /// Creates a full quota (500 by default, as every AWS SDK).
    public init(maximumCapacity: Int = 500) {
        self.maximumCapacity = maximumCapacity
        self.available = Mutex(maximumCapacity)
    }

    /// The capacity left now.
    public var availableCapacity: Int { available.withLock { $0 } }

    /// Takes `amount` if that much is left; returns whether it did.
    public func acquire(_ amount: Int) -> Bool {
        available.withLock { capacity in
            guard amount <= capacity else { return false }
            capacity -= amount
            return true
        }
    }

    /// Gives `amount` back, never beyond the maximum.
    public func release(_ amount: Int) {
        available.withLock { capacity in
            capacity = min(maximumCapacity, capacity + amount)
        }
    }
}
