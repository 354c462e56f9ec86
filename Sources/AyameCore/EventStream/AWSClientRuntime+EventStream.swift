import AyameHTTP

extension AWSClientRuntime {
    /// Runs an operation whose output streams events (`application/vnd.amazon.eventstream`):
    /// signing, retries and error decoding as for any call, until a successful response's head
    /// arrives; then the body is handed, unread, to an ``AWSEventStream`` that decodes `Event`s as
    /// the chunks come in. Returns the output members bound to headers and the events.
    ///
    /// `events` is the schema of the model's `eventstream` shape (every event and exception);
    /// `payload`, when given, replaces the request body the codec laid out, as in `execute`.
    public func executeEventStream<Event: ShapeValueConvertible>(
        _ operation: OperationDescriptor, input: ShapeValue?, events: ShapeSchema, as eventType: Event.Type = Event.self,
        payload: StreamingPayload? = nil
    ) async throws(AyameError) -> (output: OperationResponse, events: AWSEventStream<Event>) {
        let (call, input) = try await prepare(operation, input: input, payload: payload)
        let (response, stream) = try await run(call, operation: operation, input: input) { (request) async throws(HTTPClientError) -> Exchange in
            let streamed = try await self.transport.streamResponse(request)
            let head = HTTPResponseHead(status: streamed.status, headers: streamed.headers, version: .unknown)
            guard (200..<300).contains(streamed.status) else {
                // An error answer is a small document: read it whole for the error decoder.
                let body: [UInt8]
                do { body = try await streamed.body.collect() } catch {
                    throw (error as? HTTPClientError) ?? .bodySourceFailed(.init(url: request.url, detail: "\(error)"))
                }
                return Exchange(response: HTTPResponse(head: head, body: body, metrics: .unmeasured), stream: nil)
            }
            return Exchange(response: HTTPResponse(head: head, body: [], metrics: .unmeasured), stream: streamed.body)
        }
        guard let chunks = stream else {
            throw .decoding("\(call.operationName): the response has no event stream")
        }
        let unmarshaller = EventStreamUnmarshaller(
            schema: events, wireProtocol: service.wireProtocol,
            operationName: AWSErrorDecoder.operationName(operation, service: service),
            statusCode: response.statusCode, requestID: response.requestID)
        return (response, AWSEventStream(chunks: chunks, unmarshaller: unmarshaller))
    }
}

extension AWSClientRuntime {
    /// Runs an operation with typed input whose output has an event-stream member: validates the
    /// input, decodes the output's other members (headers) and puts the events in `events`.
    /// `payload`, when given, replaces the request body (a file or a stream).
    public func execute<Input: AWSShape, Output: ShapeValueConvertible, Event: AWSShape>(
        _ operation: OperationDescriptor, input: Input, output: Output.Type = Output.self,
        events: WritableKeyPath<Output, AWSEventStream<Event>>, payload: StreamingPayload? = nil
    ) async throws(AyameError) -> Output {
        let value = input.shapeValue
        try value.validate(against: Input.schema)
        let response = try await executeEventStream(operation, input: value, events: Event.schema, as: Event.self, payload: payload)
        var decoded = try ResponseDecoding.decode(response.output.output, as: Output.self)
        decoded[keyPath: events] = response.events
        return decoded
    }
}
