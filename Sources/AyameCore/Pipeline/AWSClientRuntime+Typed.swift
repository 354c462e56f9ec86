import AyameHTTP

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

extension AWSClientRuntime {
    /// Runs an operation whose output can be read from an awsJson body directly: as the
    /// general typed `execute`, but a 2xx body is read straight into `Output` (see
    /// ``JSONResponseReader``), and only what that reader gives up on goes through the
    /// `ShapeValue` tree.
    @inlinable
    public func execute<Input: AWSShape, Output: JSONResponseReadable>(
        _ operation: OperationDescriptor, input: Input, output: Output.Type = Output.self,
        payload: StreamingPayload? = nil
    ) async throws(AyameError) -> Output {
        let value = input.shapeValue
        try value.validate(against: Input.schema)
        return try await executeReading(operation, input: value, payload: payload, as: Output.self)
    }

    /// The output, read directly when the codec is awsJson's, else from the tree.
    @usableFromInline
    func executeReading<Output: JSONResponseReadable>(
        _ operation: OperationDescriptor, input: ShapeValue, payload: StreamingPayload?, as type: Output.Type
    ) async throws(AyameError) -> Output {
        let (call, input) = try await prepare(operation, input: input, payload: payload)
        let readsDirectly = readsJSONDirectly && operation.output != nil
        let completed = try await run(
            call, operation: operation, input: input,
            decode: { (received) throws(AyameError) -> DirectOrTree<Output> in
                if readsDirectly, let output = JSONResponseReader.decode(received.body, as: Output.self) {
                    return .direct(output)
                }
                return .tree(try self.codec.decodeResponse(received, operation: operation, service: self.service))
            },
            exchange: { (request) async throws(HTTPClientError) -> Exchange in
                Exchange(response: try await self.transport.send(request), stream: nil)
            })
        switch completed.output {
        case .direct(let output): return output
        case .tree(let tree): return try ResponseDecoding.decode(tree, as: Output.self)
        }
    }
}

/// A typed output read from the body directly, or the tree to convert it from.
enum DirectOrTree<Output> {
    case direct(Output)
    case tree(ShapeValue)
}
