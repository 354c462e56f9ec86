extension AWSClientRuntime {
    /// Waits with typed input and output, for generated `waitUntil...` methods: the input is
    /// validated before the first attempt, so an invalid input sends nothing, and the returned
    /// output is converted to the operation's output type.
    ///
    /// See ``wait(for:input:maximumWait:delay:maxAttempts:)`` for the polling rules.
    public func wait<Input: AWSShape, Output: ShapeValueConvertible>(
        for waiter: WaiterDescriptor, input: Input, output: Output.Type = Output.self,
        maximumWait: Duration? = nil, delay: Duration? = nil, maxAttempts: Int? = nil
    ) async throws(AyameError) -> Output {
        try input.validate()
        let last = try await wait(
            for: waiter, input: input.shapeValue, maximumWait: maximumWait, delay: delay, maxAttempts: maxAttempts)
        return try ResponseDecoding.decode(last, as: Output.self)
    }
}
