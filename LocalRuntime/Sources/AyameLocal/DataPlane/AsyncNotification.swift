import Foundation

/// The SNS message SageMaker publishes when an async inference completes or fails.
struct AsyncNotification: Sendable {
    enum Status: String, Sendable {
        case completed = "Completed"
        case failed = "Failed"
    }

    /// AWS includes the response only up to this size.
    static let includedBodyLimit = 128 * 1024

    let invocation: AsyncInvocation
    let status: Status
    let failureReason: String?
    let contentType: String?
    let location: S3Location
    let includedBody: [UInt8]?

    func message(at time: Date = Date()) -> String {
        var request: [String: Any] = ["endpointName": invocation.endpointName, "inputLocation": invocation.inputLocation]
        if let contentType = invocation.contentType { request["contentType"] = contentType }
        if let accept = invocation.accept { request["accept"] = accept }
        if let attributes = invocation.customAttributes { request["customAttributes"] = attributes }
        var response: [String: Any] = [:]
        if let contentType { response["contentType"] = contentType }
        response[status == .completed ? "outputLocation" : "failureLocation"] = location.description
        var document: [String: Any] = [
            "awsRegion": invocation.region,
            "eventTime": Self.timestamp(time),
            "receivedTime": Self.timestamp(invocation.receivedAt),
            "invocationStatus": status.rawValue,
            "requestParameters": request,
            "responseParameters": response,
            "inferenceId": invocation.inferenceId,
            "eventVersion": "1.0",
            "eventSource": "aws:sagemaker",
            "eventName": "InferenceResult",
        ]
        if let failureReason { document["failureReason"] = failureReason }
        if let includedBody, includedBody.count <= Self.includedBodyLimit {
            if let text = String(validating: includedBody, as: UTF8.self) {
                document["responseBody"] = ["content": text, "encoding": "UTF-8"]
            } else {
                document["responseBody"] = ["content": Data(includedBody).base64EncodedString(), "encoding": "BASE64"]
            }
        }
        return String(decoding: JSONBody.data(document), as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
