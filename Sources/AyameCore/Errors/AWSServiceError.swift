/// An error response from an AWS service, decoded by the operation's protocol.
///
/// Carries what a person needs to act on the failure and what AWS support asks for: the error
/// code (with any `namespace#` prefix stripped), the service's message, the HTTP status and the
/// request ids. The raw body is kept for codes Ayame does not model, but it is never part of
/// ``description``, which stays free of secrets.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code, for example `ValidationException` or `NoSuchKey`.
    public let code: String
    /// The service's message (`message` or `Message` in the response), if it sent one.
    public let message: String?
    /// The HTTP status code of the response.
    public let statusCode: Int
    /// The request id (`x-amzn-RequestId`, `x-amz-request-id`, or the body's `RequestId`).
    public let requestID: String?
    /// S3's extended request id (`x-amz-id-2`), which S3 support asks for next to the request id.
    public let extendedRequestID: String?
    /// The service and operation that failed, for example `SageMaker.CreateEndpoint`.
    public let operation: String?
    /// The response body as received, for error codes that carry more than a message.
    public let rawBody: [UInt8]
    /// The members of the error shape the service's model declares for ``code`` (body fields and
    /// bound headers), or nil for a code the model does not declare. Read them typed with
    /// ``modelled(as:)``.
    public internal(set) var modelledMembers: ShapeValue?

    /// Creates a service error; the code is normalised by ``normalizedCode(_:)``.
    public init(
        code: String,
        message: String?,
        statusCode: Int,
        requestID: String? = nil,
        extendedRequestID: String? = nil,
        operation: String? = nil,
        rawBody: [UInt8] = []
    ) {
        self.code = Self.normalizedCode(code)
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.extendedRequestID = extendedRequestID
        self.operation = operation
        self.rawBody = rawBody
    }

    /// Strips what JSON protocols put around a code: `aws.protocoltests#FooError` and
    /// `FooError:http://internal.amazon.com/...` both mean `FooError`.
    public static func normalizedCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    public var description: String {
        var text = "\(operation.map { "\($0) failed: " } ?? "")\(code) (HTTP \(statusCode))"
        if let message, !message.isEmpty { text += ": \(ErrorText.clause(message))" }
        if let requestID { text += " [request id \(requestID)" + (extendedRequestID.map { ", extended \($0)" } ?? "") + "]" }
        return text + ". " + nextStep
    }

    /// What to do next, by the class of the failure.
    private var nextStep: String {
        if isNotFound { return "Check the resource name and region; the resource may not exist or may have been deleted." }
        if isAlreadyExists { return "The resource already exists: describe and reuse it, or choose another name." }
        if isAuthenticationFailure {
            return "Check the access key, secret key and session token in use, and that the system clock is right."
        }
        if isAccessDenied { return "Check the caller's IAM policy (and any resource policy) for this action and resource." }
        if isThrottling { return "The service is throttling: slow down or raise the retry limits." }
        switch statusCode {
        case 400 where code.contains("Validation"):
            return "Check the input against the operation's constraints; the message says which value is wrong."
        case 401, 403:
            return "Check the credentials, the region and the IAM policy for this action."
        case 404:
            return "Check the resource name and region; the resource may not exist or may be deleted."
        case 500...599:
            return "The service failed; retrying later usually succeeds."
        default:
            return "See the service's documentation for this error code."
        }
    }
}

import Foundation
