extension AWSClientRuntime {
    /// Polls until an acceptor says success (returns the last output) or failure, or until the
    /// maximum wait passes; cancellable (Task cancellation → AyameError.cancelled promptly).
    ///
    /// Each attempt runs the full pipeline (so transient failures are retried inside it), then
    /// the acceptors are tried in order and the first match decides. A service error no acceptor
    /// matches ends the wait with that error at once, because polling would not change it;
    /// transport errors and timeouts end it too. Between attempts the waiter sleeps `delay`
    /// (default: the model's, fixed as in botocore). It stops after `maxAttempts` attempts
    /// (default: the model's) or, when `maximumWait` is set, with a last attempt at that deadline
    /// — whichever comes first. An attempt in flight at the deadline is allowed to finish.
    ///
    /// - Returns: the output of the attempt that matched success, or an empty structure when
    ///   success was an error (a deleted resource answers "not found").
    /// - Throws: ``AyameError/waiterFailed(_:)`` for a failure state, the maximum wait or the
    ///   attempts running out, with the last output or error seen; ``AyameError/cancelled`` when
    ///   the Task is cancelled; ``AyameError/configuration(_:)`` for an unsupported acceptor
    ///   expression; the service error no acceptor matched.
    public func wait(
        for waiter: WaiterDescriptor, input: ShapeValue, maximumWait: Duration? = nil, delay: Duration? = nil,
        maxAttempts: Int? = nil
    ) async throws(AyameError) -> ShapeValue {
        try await wait(
            for: waiter, input: input, maximumWait: maximumWait, delay: delay, maxAttempts: maxAttempts,
            clock: ContinuousClock())
    }

    /// The polling loop, on any clock, so tests can run the deadline logic on a clock that only
    /// moves when the waiter sleeps.
    func wait<C: Clock<Duration>>(
        for waiter: WaiterDescriptor, input: ShapeValue, maximumWait: Duration?, delay: Duration?,
        maxAttempts: Int?, clock: C
    ) async throws(AyameError) -> ShapeValue {
        try waiter.validate()
        let deadline = maximumWait.map { clock.now.advanced(by: $0) }
        let delay = delay ?? waiter.delay
        let attemptLimit = max(1, maxAttempts ?? waiter.maxAttempts)
        var attempts = 0
        while true {
            if Task.isCancelled { throw .cancelled }
            let outcome = try await attempt(waiter.operation, input: input)
            attempts += 1
            func failure(_ reason: WaiterFailure.Reason) -> AyameError {
                .waiterFailed(WaiterFailure(
                    waiter: waiter.displayName, operation: waiter.operation.name, reason: reason,
                    lastState: Self.lastState(outcome, operation: waiter.operation), attempts: attempts))
            }
            var matched: WaiterAcceptor?
            for acceptor in waiter.acceptors where try acceptor.matches(outcome) {
                matched = acceptor
                break
            }
            switch (matched?.state, outcome) {
            case (.success?, .output(let output, _)): return output
            case (.success?, .error): return .structure([:])
            case (.failure?, _): throw failure(.failureState(matched: matched!.matcher.description))
            case (nil, .error(let error)): throw .service(error)
            case (.retry?, _), (nil, .output): break
            }
            if attempts >= attemptLimit { throw failure(.attemptsExhausted(attempts)) }
            var pause = delay
            if let deadline, let maximumWait {
                let remaining = clock.now.duration(to: deadline)
                if remaining <= .zero { throw failure(.timedOut(after: maximumWait)) }
                pause = min(pause, remaining)
            }
            do {
                try await clock.sleep(for: pause)
            } catch {
                throw .cancelled
            }
        }
    }

    /// One attempt: a service error is an outcome for the acceptors; anything else ends the wait.
    private func attempt(_ operation: OperationDescriptor, input: ShapeValue) async throws(AyameError) -> WaiterOutcome {
        do {
            let response = try await execute(operation, input: input)
            return .output(response.output, statusCode: response.statusCode)
        } catch {
            guard case .service(let serviceError) = error else { throw error }
            return .error(serviceError)
        }
    }

    private static func lastState(_ outcome: WaiterOutcome, operation: OperationDescriptor) -> WaiterFailure.LastState {
        switch outcome {
        case .output(let output, _):
            // Only the schema knows which members are sensitive; without one nothing is shown.
            let rendered = operation.output.map { ShapeRenderer.render(output, schema: $0) } ?? "(not shown: no output schema)"
            return .output(output, rendered: rendered)
        case .error(let error):
            return .error(error)
        }
    }
}
