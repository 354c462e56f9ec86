/// A service identifier as used by configuration (the service model's
/// `serviceId`, e.g. `SageMaker Runtime`).
public struct AWSServiceID: Sendable, Hashable, CustomStringConvertible {
    /// The service id exactly as in the service model.
    public let rawValue: String

    /// Creates a service id from its model spelling.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The suffix of `AWS_ENDPOINT_URL_<SUFFIX>`: upper-cased, with spaces
    /// and hyphens as underscores (`SAGEMAKER_RUNTIME`).
    public var environmentSuffix: String { snakeCased.uppercased() }

    /// The key inside a `[services x]` section: lower-cased, with spaces and
    /// hyphens as underscores (`sagemaker_runtime`).
    public var configKey: String { snakeCased.lowercased() }

    private var snakeCased: String {
        String(rawValue.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// A human-readable rendering for diagnostics.
    public var description: String { rawValue }

    /// Amazon SageMaker (control plane).
    public static let sageMaker = AWSServiceID("SageMaker")
    /// Amazon SageMaker Runtime (invocations, including async).
    public static let sageMakerRuntime = AWSServiceID("SageMaker Runtime")
    /// Application Auto Scaling.
    public static let applicationAutoScaling = AWSServiceID("Application Auto Scaling")
    /// Amazon CloudWatch.
    public static let cloudWatch = AWSServiceID("CloudWatch")
    /// Amazon S3.
    public static let s3 = AWSServiceID("S3")
    /// Amazon ECR.
    public static let ecr = AWSServiceID("ECR")
    /// AWS STS.
    public static let sts = AWSServiceID("STS")
    /// Amazon SNS.
    public static let sns = AWSServiceID("SNS")
    /// Amazon SQS.
    public static let sqs = AWSServiceID("SQS")
}
