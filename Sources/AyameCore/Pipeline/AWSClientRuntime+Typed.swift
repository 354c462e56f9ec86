extension AWSClientRuntime {
    /// Runs an operation with typed input and output: the input is validated against the
    /// model's constraints first, so nothing is sent for invalid input. Inlinable, so each
    /// generated client specializes it for its own shapes.
    @inlinable
    public func execute<Input: AWSShape, Output: ShapeValueConvertible>(
        _ operation: OperationDescriptor, input: Input, output: Output.Type = Output.self,
        payload: StreamingPayload? = nil
    ) async throws(AyameError) -> Output {
        // One tree serves both the validation and the request.
        let value = input.shapeValue
        try value.validate(against: Input.schema)
        let response = try await execute(operation, input: value, payload: payload)
        return try ResponseDecoding.decode(response.output, as: Output.self)
    }
}
