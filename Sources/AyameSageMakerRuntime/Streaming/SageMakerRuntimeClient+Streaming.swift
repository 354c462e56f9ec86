import AyameCore
import AyameHTTP
import Foundation

// Hand-written rather than generated: botocore's model gives InvokeEndpoint's `Body` (the
// `BodyBlob` shape) no `streaming` trait, so the generator, which adds `payload:` only to
// streaming blobs (S3's), rightly leaves these operations with `Data` bodies. An inference body
// can still be a file of several MiB, and an answer is worth reading as it arrives.

/// An InvokeEndpoint answer whose body is still arriving.
public struct SageMakerRuntimeInferenceStream: Sendable {
    /// InvokeEndpoint's output decoded from the response headers (`contentType`,
    /// `invokedProductionVariant`, `customAttributes`, `newSessionId`, `closedSessionId`); its
    /// `body` is empty.
    public let output: SageMakerRuntime.InvokeEndpointOutput
    /// The inference's bytes in order, as they arrive, with back-pressure: the transfer pauses
    /// while you are behind. Iterate once.
    public let body: AnyByteChunks
}

extension SageMakerRuntimeClient {
    /// InvokeEndpoint with the request body taken from `payload` (a file or a region of one,
    /// bytes, or an async sequence of chunks), read as it is sent and never held whole. The
    /// answer is collected into the output's `body`; use
    /// ``invokeEndpointStream(_:payload:)`` or ``invokeEndpoint(_:payload:toFile:)`` to keep it
    /// out of memory too.
    ///
    /// `input.body` must be empty: the payload is the body. A payload whose length is known
    /// (a file, bytes, a sequence with a declared length) is checked against the model's 6 MB
    /// limit before anything is sent. A file or bytes payload is signed with its SHA-256
    /// (hashed in one pass off the cooperative pool) and retried like any call; a one-shot
    /// sequence goes out as `UNSIGNED-PAYLOAD` and is never retried.
    @discardableResult
    public func invokeEndpoint(
        _ input: SageMakerRuntime.InvokeEndpointInput, payload: StreamingPayload
    ) async throws(AyameError) -> SageMakerRuntime.InvokeEndpointOutput {
        let value = try StreamedInvocation.validated(
            input.shapeValue, schema: SageMakerRuntime.InvokeEndpointInput.schema, bodySize: input.body.count, payload: payload)
        let response = try await runtime.execute(SageMakerRuntimeOperations.invokeEndpoint, input: value, payload: payload)
        return try ResponseDecoding.decode(response.output, as: SageMakerRuntime.InvokeEndpointOutput.self)
    }

    /// InvokeEndpoint returning as soon as the response headers are in: the output comes
    /// decoded from them and the inference follows through
    /// ``SageMakerRuntimeInferenceStream/body`` as it arrives, never held whole.
    ///
    /// With a `payload`, the request body is streamed from it as in
    /// ``invokeEndpoint(_:payload:)`` (and `input.body` must be empty); without one,
    /// `input.body` is sent. An error answer (`ModelError`, `ValidationError`, ...) is thrown
    /// before the stream starts, with its code, message and request id.
    public func invokeEndpointStream(
        _ input: SageMakerRuntime.InvokeEndpointInput, payload: StreamingPayload? = nil
    ) async throws(AyameError) -> SageMakerRuntimeInferenceStream {
        let value = try StreamedInvocation.validated(
            input.shapeValue, schema: SageMakerRuntime.InvokeEndpointInput.schema, bodySize: input.body.count, payload: payload)
        let streamed = try await runtime.executeStreaming(SageMakerRuntimeOperations.invokeEndpoint, input: value, payload: payload)
        let output = try ResponseDecoding.decode(streamed.response.output, as: SageMakerRuntime.InvokeEndpointOutput.self)
        return SageMakerRuntimeInferenceStream(output: output, body: streamed.body)
    }

    /// InvokeEndpoint writing the inference to the file at `path` (created or truncated) as it
    /// arrives, in constant memory; an error answer leaves no file. The returned output's
    /// `body` is empty. The request body comes from `payload` when given, as in
    /// ``invokeEndpoint(_:payload:)``.
    @discardableResult
    public func invokeEndpoint(
        _ input: SageMakerRuntime.InvokeEndpointInput, payload: StreamingPayload? = nil, toFile path: String
    ) async throws(AyameError) -> SageMakerRuntime.InvokeEndpointOutput {
        let value = try StreamedInvocation.validated(
            input.shapeValue, schema: SageMakerRuntime.InvokeEndpointInput.schema, bodySize: input.body.count, payload: payload)
        let response = try await runtime.executeDownload(
            SageMakerRuntimeOperations.invokeEndpoint, input: value, payload: payload, into: HTTPDownloadTarget(path: path))
        return try ResponseDecoding.decode(response.output, as: SageMakerRuntime.InvokeEndpointOutput.self)
    }

    /// InvokeEndpointWithResponseStream with the request body taken from `payload`, as in
    /// ``invokeEndpoint(_:payload:)`` (`input.body` must be empty). The output's `body` yields
    /// the `PayloadPart`s as they arrive.
    @discardableResult
    public func invokeEndpointWithResponseStream(
        _ input: SageMakerRuntime.InvokeEndpointWithResponseStreamInput, payload: StreamingPayload
    ) async throws(AyameError) -> SageMakerRuntime.InvokeEndpointWithResponseStreamOutput {
        let value = try StreamedInvocation.validated(
            input.shapeValue, schema: SageMakerRuntime.InvokeEndpointWithResponseStreamInput.schema,
            bodySize: input.body.count, payload: payload)
        let response = try await runtime.executeEventStream(
            SageMakerRuntimeOperations.invokeEndpointWithResponseStream, input: value,
            events: SageMakerRuntime.ResponseStream.schema, as: SageMakerRuntime.ResponseStream.self, payload: payload)
        var output = try ResponseDecoding.decode(response.output.output, as: SageMakerRuntime.InvokeEndpointWithResponseStreamOutput.self)
        output.body = response.events
        return output
    }
}

/// The checks a streamed invocation gets before anything is sent.
enum StreamedInvocation {
    /// Validates the input as a typed call does and the payload against the `Body` member's
    /// limit, and returns the input's tree.
    static func validated(
        _ value: ShapeValue, schema: ShapeSchema, bodySize: Int, payload: StreamingPayload?
    ) throws(AyameError) -> ShapeValue {
        try value.validate(against: schema)
        guard let payload else { return value }
        guard bodySize == 0 else {
            throw .validation(ValidationFailure(
                shape: schema.name, member: "Body",
                rule: "empty when a payload is given (the payload is the body; \(bodySize) bytes were also set)"))
        }
        if let limit = schema.member(named: "Body")?.target.traits.max, let length = knownLength(payload), Double(length) > limit {
            throw .validation(ValidationFailure(
                shape: schema.name, member: "Body", rule: "length <= \(Int(limit)) (the payload holds \(length) bytes)"))
        }
        return value
    }

    /// The payload's size when it is known before sending. A file that cannot be read is left
    /// to the pipeline, which refuses it with the reason.
    static func knownLength(_ payload: StreamingPayload) -> Int64? {
        guard case .file(let path, let offset, nil) = payload else { return payload.length }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { return nil }
        return max(0, size.int64Value - offset)
    }
}
