/// A waiter from the service's `waiters-2.json`: the operation to poll, how often, how many
/// times, and the acceptors that decide after each attempt.
public struct WaiterDescriptor: Sendable {
    /// The waiter's name in the model (`EndpointInService`), for messages; nil names it by its
    /// operation.
    public let name: String?
    /// The operation polled (`DescribeEndpoint`).
    public let operation: OperationDescriptor
    /// The pause between attempts. Fixed, as botocore waits, not growing: the model's delay is
    /// already sized to the resource (30 s for a SageMaker endpoint).
    public let delay: Duration
    /// The most attempts, counting the first.
    public let maxAttempts: Int
    /// The acceptors, tried in order after each attempt; the first match decides.
    public let acceptors: [WaiterAcceptor]

    /// Creates a descriptor from the model's `operation`, `delay`, `maxAttempts` and `acceptors`.
    public init(
        operation: OperationDescriptor, delay: Duration, maxAttempts: Int, acceptors: [WaiterAcceptor],
        name: String? = nil
    ) {
        self.name = name
        self.operation = operation
        self.delay = delay
        self.maxAttempts = maxAttempts
        self.acceptors = acceptors
    }

    /// Throws the error a bad acceptor expression would raise when the waiter first runs.
    public func validate() throws(AyameError) {
        for acceptor in acceptors { _ = try acceptor.expression.get() }
    }

    /// The name used in messages.
    var displayName: String { name ?? operation.name }
}
