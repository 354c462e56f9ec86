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
    /// `ShapeValue` tree. Inlinable, like the reader: the whole decoding is specialized for
    /// `Output` in the calling service module.
    @inlinable
    public func execute<Input: AWSShape, Output: JSONResponseReadable>(
        _ operation: OperationDescriptor, input: Input, output: Output.Type = Output.self,
        payload: StreamingPayload? = nil
    ) async throws(AyameError) -> Output {
        let value = input.shapeValue
        try value.validate(against: Input.schema)
        switch try await executeKeepingBody(operation, input: value, payload: payload) {
        case .tree(let tree):
            return try ResponseDecoding.decode(tree, as: Output.self)
        case .body(let received):
            if let output = JSONResponseReader.decode(received.body, as: Output.self) { return output }
            return try ResponseDecoding.decode(try decodeTree(received, operation: operation), as: Output.self)
        }
    }

    /// Runs the call; with an awsJson codec the 2xx response comes back undecoded, for the
    /// direct reader, else as the codec's tree.
    @usableFromInline
    func executeKeepingBody(
        _ operation: OperationDescriptor, input: ShapeValue, payload: StreamingPayload?
    ) async throws(AyameError) -> BodyOrTree {
        let (call, input) = try await prepare(operation, input: input, payload: payload)
        let keepsBody = readsJSONDirectly && operation.output != nil
        return try await run(
            call, operation: operation, input: input,
            decode: { (received) throws(AyameError) -> BodyOrTree in
                keepsBody ? .body(received) : .tree(try self.codec.decodeResponse(received, operation: operation, service: self.service))
            },
            exchange: { (request) async throws(HTTPClientError) -> Exchange in
                Exchange(response: try await self.transport.send(request), stream: nil)
            }
        ).output
    }

    /// The codec's tree of a response the direct reader gave up on, a failure explained as
    /// every decoding failure is.
    @usableFromInline
    func decodeTree(_ received: ReceivedResponse, operation: OperationDescriptor) throws(AyameError) -> ShapeValue {
        do {
            return try codec.decodeResponse(received, operation: operation, service: service)
        } catch {
            throw Self.explained(error, response: received)
        }
    }
}

/// A 2xx response kept for the direct reader, or the tree the codec decoded.
@usableFromInline
enum BodyOrTree: Sendable {
    case body(ReceivedResponse)
    case tree(ShapeValue)
}
