import Foundation

/// Per-request settings of `InvokeEndpointAsync`; every one is optional and checked against the
/// SageMaker Runtime model before anything is uploaded or sent.
public struct InvocationOptions: Sendable, Equatable {
    /// The MIME type of the input, passed to the model container (for example `application/json`).
    /// It also picks the uploaded object's extension.
    public var contentType: String?
    /// The MIME type the caller wants the output in.
    public var accept: String?
    /// The identifier SageMaker reports the request under (1–64 printable characters, not
    /// starting with whitespace). It also names the uploaded input; a UUID is used when nil.
    public var inferenceID: String?
    /// How long the request may wait in SageMaker's queue, 60…21600 seconds.
    public var requestTTL: Duration?
    /// How long the container may take to answer once it starts, 1…3600 seconds.
    public var invocationTimeout: Duration?
    /// Opaque ASCII (at most 1024 characters) passed to the container.
    public var customAttributes: String?

    /// Options with every field unset, letting SageMaker apply its defaults.
    public init(
        contentType: String? = nil, accept: String? = nil, inferenceID: String? = nil,
        requestTTL: Duration? = nil, invocationTimeout: Duration? = nil, customAttributes: String? = nil
    ) {
        self.contentType = contentType
        self.accept = accept
        self.inferenceID = inferenceID
        self.requestTTL = requestTTL
        self.invocationTimeout = invocationTimeout
        self.customAttributes = customAttributes
    }
}
