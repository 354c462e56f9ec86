/// The events of one ``AsyncEndpointBuilder/apply()``, as they happen; iteration throws only
/// ``AsyncInferenceError``.
///
/// Iterate once. Ending the iteration early (breaking out of the loop, or cancelling the
/// iterating task) cancels the deployment, which rolls back what it created.
public struct DeploymentEvents: AsyncSequence, Sendable {
    /// One step's progress or outcome.
    public typealias Element = DeploymentEvent
    /// The deployment's one error type.
    public typealias Failure = AsyncInferenceError

    private let events: AsyncThrowingStream<DeploymentEvent, any Error>

    init(_ events: AsyncThrowingStream<DeploymentEvent, any Error>) {
        self.events = events
    }

    /// Returns the iterator; create only one.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: events.makeAsyncIterator())
    }

    /// Pulls the events.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<DeploymentEvent, any Error>.Iterator

        /// The next event, or nil once the deployment has finished.
        public mutating func next() async throws(AsyncInferenceError) -> DeploymentEvent? {
            do {
                return try await base.next()
            } catch let error as AsyncInferenceError {
                throw error
            } catch {
                // The stream is only ever finished with an AsyncInferenceError.
                throw .cancelled
            }
        }
    }
}
