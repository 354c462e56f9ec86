import AyameCore
import Foundation

extension AsyncInferenceClient {
    /// One call for the common case: encodes `input` as JSON, uploads and submits it, awaits the
    /// result and decodes it as `Output`.
    ///
    /// The content type is `application/json` unless `options` names another. Throws
    /// ``AsyncInferenceError/invalidArgument(_:)`` when `input` does not encode (nothing is
    /// sent), and otherwise what ``submit(endpointName:payload:options:)`` and
    /// ``result(for:as:decoder:polling:)`` throw.
    public func invoke<Input: Encodable, Output: Decodable>(
        endpointName: String, input: Input, as output: Output.Type, options: InvocationOptions = InvocationOptions(),
        encoder: JSONEncoder = JSONEncoder(), decoder: JSONDecoder = JSONDecoder(), polling: PollingPolicy = PollingPolicy()
    ) async throws(AsyncInferenceError) -> Output {
        let body: Data
        do {
            body = try encoder.encode(input)
        } catch {
            throw .invalidArgument(ValidationFailure(
                shape: "\(Input.self)", member: "(input)", rule: "encodable as JSON (\(error))"))
        }
        var options = options
        if options.contentType == nil { options.contentType = "application/json" }
        let handle = try await submit(endpointName: endpointName, payload: .data(body), options: options)
        return try await result(for: handle, as: output, decoder: decoder, polling: polling)
    }
}
