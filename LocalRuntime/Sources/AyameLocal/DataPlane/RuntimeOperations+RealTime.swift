import AyameCore
import AyameHTTP
import Foundation

/// InvokeEndpoint and InvokeEndpointWithResponseStream: the request body goes on to the
/// container as it arrives and the container's answer comes back as it arrives, so neither is
/// held whole here (only bodies whose signature covers the bytes themselves, which boto3 and the
/// AWS CLI send, are collected first: they cannot be authenticated before the last byte, and at
/// 6 MB at most they are small).
extension RuntimeOperations {
    /// How the request body reaches the container.
    enum ContainerBody: Sendable {
        /// Checked as it passes; `length` is the client's `Content-Length` (nil: chunked).
        case streamed(CheckedRequestBody, length: Int?)
        case collected([UInt8])

        var requestBody: HTTPRequestBody {
            switch self {
            case .streamed(_, let length?) where length == 0: return .bytes([])
            case .streamed(let body, let length): return .stream(body, length: length.map(Int64.init))
            case .collected(let bytes): return .bytes(bytes)
            }
        }

        /// Why the streamed body was refused on its way, if it was.
        var failure: CheckedRequestBody.Refusal? {
            guard case .streamed(let body, _) = self else { return nil }
            return body.failure
        }
    }

    /// Answers InvokeEndpoint (`streamingResponse` false: the container's body as it is) or
    /// InvokeEndpointWithResponseStream (true: each piece of the container's body a
    /// `PayloadPart` event).
    func invokeRealTime(_ name: String, _ request: StreamingRequest, streamingResponse: Bool) async -> RoutedResponse {
        let limit = Self.maximumRealTimePayload
        let head = request.head
        let body: ContainerBody
        switch authenticator.authenticateHead(head) {
        case .rejected(let response):
            return .complete(response)
        case .verified(let declared):
            if let length = request.contentLength, length > limit { return .complete(Self.payloadTooLarge(length)) }
            let expected = declared == "UNSIGNED-PAYLOAD" ? nil : declared
            body = .streamed(CheckedRequestBody(source: request.body, expectedSHA256: expected, limit: limit), length: request.contentLength)
        case .needsBody:
            guard let whole = await request.collected() else { return .complete(RequestRouter.tooLarge) }
            if case .rejected(let response) = await authenticator.authenticate(whole) { return .complete(response) }
            guard whole.body.count <= limit else { return .complete(Self.payloadTooLarge(whole.body.count)) }
            body = .collected(whole.body)
        }
        let region = Self.region(of: head)
        let instance: ContainerInstance
        let record: EndpointRecord
        switch await realTimeInstance(name, targetVariant: head.header("X-Amzn-SageMaker-Target-Variant")) {
        case .failure(let message): return .complete(AWSErrorResponse.runtimeValidation(message.text))
        case .success(let chosen): (record, instance) = chosen
        }

        var headers = HTTPHeaders()
        if let contentType = head.header("Content-Type") { headers.add(name: "Content-Type", value: contentType) }
        // The streaming operation carries Accept as X-Amzn-SageMaker-Accept (its API model);
        // the container sees a plain Accept either way.
        if let accept = head.header(streamingResponse ? "X-Amzn-SageMaker-Accept" : "Accept") {
            headers.add(name: "Accept", value: accept)
        }
        if let attributes = head.header("X-Amzn-SageMaker-Custom-Attributes") {
            headers.add(name: "X-Amzn-SageMaker-Custom-Attributes", value: attributes)
        }
        let logStream = "arn:aws:logs:\(region):\(Self.accountPlaceholder):log-group:/aws/sagemaker/Endpoints/\(record.name)"
        let answer: HTTPStreamingResponse
        do {
            answer = try await containerClient.stream(
                HTTPRequest(method: .post, url: instance.invocationsURL, headers: headers, body: body.requestBody))
        } catch {
            if let failure = body.failure { return .complete(Self.refusal(failure)) }
            let detail = instance.process.exitStatus.map { "the model container exited with status \($0)" } ?? "\(error)"
            return .complete(AWSErrorResponse.json(
                status: 424, code: "ModelError",
                message: "The primary container did not answer: \(detail). See \(logStream) in account \(Self.accountPlaceholder) for more information.",
                messageKey: "Message", extra: ["OriginalStatusCode": 500, "OriginalMessage": detail, "LogStreamArn": logStream]))
        }
        guard (200..<300).contains(answer.status) else {
            // An error answer is a short message: read it whole to quote it.
            let original = String(decoding: (try? await answer.body.collect()) ?? [], as: UTF8.self)
            let kind = answer.status >= 500 ? "server" : "client"
            return .complete(AWSErrorResponse.json(
                status: 424, code: "ModelError",
                message: "Received \(kind) error (\(answer.status)) from primary with message \"\(original)\". See \(logStream) in account \(Self.accountPlaceholder) for more information.",
                messageKey: "Message",
                extra: ["OriginalStatusCode": answer.status, "OriginalMessage": original, "LogStreamArn": logStream]))
        }

        var responseHeaders: [(name: String, value: String)] = [
            ("x-Amzn-Invoked-Production-Variant", instance.variantName), ("x-amzn-RequestId", UUID().uuidString.lowercased()),
        ]
        if let attributes = answer.headers["X-Amzn-SageMaker-Custom-Attributes"] {
            responseHeaders.append(("X-Amzn-SageMaker-Custom-Attributes", attributes))
        }
        if streamingResponse {
            responseHeaders.append(("Content-Type", "application/vnd.amazon.eventstream"))
            if let contentType = answer.headers["Content-Type"] { responseHeaders.append(("X-Amzn-SageMaker-Content-Type", contentType)) }
            return .relayed(
                status: 200, headers: responseHeaders,
                body: AnyByteChunks(PayloadPartStream(answer: answer.body, logStream: logStream) {
                    instance.process.exitStatus.map { "the model container exited with status \($0)" }
                        ?? "the model container closed the connection before its answer was complete"
                }))
        }
        if let contentType = answer.headers["Content-Type"] { responseHeaders.append(("Content-Type", contentType)) }
        if let length = answer.headers["Content-Length"] { responseHeaders.append(("Content-Length", length)) }
        return .relayed(status: 200, headers: responseHeaders, body: AnyByteChunks(answer.body))
    }

    /// The endpoint's record and an instance to answer: of `targetVariant` when given,
    /// otherwise of a variant drawn by its weight.
    private func realTimeInstance(
        _ name: String, targetVariant: String?
    ) async -> Result<(EndpointRecord, ContainerInstance), ValidationMessage> {
        let record: EndpointRecord
        switch await inServiceEndpoint(name) {
        case .failure(let message): return .failure(message)
        case .success(let found): record = found
        }
        let fleet = await registry.fleet(name)
        if let targetVariant {
            guard let chosen = fleet.filter({ $0.variantName == targetVariant }).randomElement() else {
                return .failure(.init("Variant \(targetVariant) does not exist in endpoint \(name) of account \(Self.accountPlaceholder)."))
            }
            return .success((record, chosen))
        }
        guard let chosen = Self.weightedChoice(fleet, weights: record.variants) else {
            return .failure(.init("Endpoint \(name) of account \(Self.accountPlaceholder) has no running instance."))
        }
        return .success((record, chosen))
    }

    static func payloadTooLarge(_ count: Int) -> OutgoingResponse {
        AWSErrorResponse.json(
            status: 413, code: "ValidationError",
            message: "Request payload of \(count) bytes exceeds the InvokeEndpoint limit of \(maximumRealTimePayload) bytes.",
            messageKey: "Message")
    }

    static func refusal(_ failure: CheckedRequestBody.Refusal) -> OutgoingResponse {
        switch failure {
        case .contentMismatch:
            return SignatureVerifier.contentMismatch
        case .tooLarge(let limit):
            return AWSErrorResponse.json(
                status: 413, code: "ValidationError",
                message: "Request payload exceeds the InvokeEndpoint limit of \(limit) bytes.", messageKey: "Message")
        }
    }
}
