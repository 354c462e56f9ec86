import Foundation

/// Error answers in the wire shapes AWS uses for the APIs the runtime serves itself.
enum AWSErrorResponse {
    /// An awsJson1_1 / restJson1 error: `__type` and `message` in the body and the code in
    /// `x-amzn-ErrorType`, which every SDK's JSON decoder reads.
    /// `messageKey` is `message` for SageMaker and `Message` for SageMaker Runtime, as their
    /// models spell the member.
    static func json(
        status: Int, code: String, message: String, messageKey: String = "message", extra: [String: Any] = [:]
    ) -> OutgoingResponse {
        var document: [String: Any] = ["__type": code, messageKey: message]
        for (key, value) in extra { document[key] = value }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return OutgoingResponse(
            status: status,
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", code),
                      ("x-amzn-RequestId", UUID().uuidString.lowercased())],
            body: Array(data))
    }

    /// SageMaker's `ValidationException` (control plane, 400).
    static func validation(_ message: String) -> OutgoingResponse {
        json(status: 400, code: "ValidationException", message: message)
    }

    /// SageMaker Runtime's `ValidationError` (data plane, 400).
    static func runtimeValidation(_ message: String) -> OutgoingResponse {
        json(status: 400, code: "ValidationError", message: message, messageKey: "Message")
    }

    static func serviceUnavailable(_ message: String) -> OutgoingResponse {
        json(status: 503, code: "ServiceUnavailable", message: message)
    }
}
