/// The endpoint configuration's `AsyncInferenceConfig`: where results and failures land and who
/// is told.
public struct AsyncInferenceSettings: Sendable, Equatable {
    /// The S3 prefix results are written under (`s3://bucket/prefix/`).
    public var outputPath: String
    /// The S3 prefix failures are written under; nil keeps failures out of S3.
    public var failurePath: String?
    /// The KMS key that encrypts results.
    public var kmsKeyID: String?
    /// The SNS topic told about each success.
    public var successTopicARN: String?
    /// The SNS topic told about each failure.
    public var errorTopicARN: String?
    /// Where the inference response is also included: `SUCCESS_NOTIFICATION_TOPIC`,
    /// `ERROR_NOTIFICATION_TOPIC`.
    public var includeInferenceResponseIn: [String]
    /// How many requests one instance works on at once (1 to 1000); nil lets SageMaker choose.
    public var maxConcurrentInvocationsPerInstance: Int?

    /// Creates the settings.
    public init(
        outputPath: String, failurePath: String? = nil, kmsKeyID: String? = nil, successTopicARN: String? = nil,
        errorTopicARN: String? = nil, includeInferenceResponseIn: [String] = [], maxConcurrentInvocationsPerInstance: Int? = nil
    ) {
        self.outputPath = outputPath
        self.failurePath = failurePath
        self.kmsKeyID = kmsKeyID
        self.successTopicARN = successTopicARN
        self.errorTopicARN = errorTopicARN
        self.includeInferenceResponseIn = includeInferenceResponseIn
        self.maxConcurrentInvocationsPerInstance = maxConcurrentInvocationsPerInstance
    }
}
