/// The SageMaker model: the inference container image and the model artifact it loads from
/// `/opt/ml/model`.
public struct ModelSpec: Sendable, Equatable {
    /// The model's name.
    public var name: String
    /// The container image, for example an ECR URI `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`.
    public var imageURI: String
    /// The `model.tar.gz` in S3 that SageMaker unpacks into `/opt/ml/model`; nil for a container
    /// that carries its model.
    public var modelDataURL: String?
    /// The IAM role SageMaker assumes to pull the image and read the artifact.
    public var executionRoleARN: String
    /// Environment variables of the container.
    public var environment: [String: String]
    /// The VPC to run in, if any.
    public var vpc: VPCSettings?
    /// Whether the container is cut off from the network.
    public var networkIsolation: Bool

    /// Creates a model spec.
    public init(
        name: String, imageURI: String, modelDataURL: String? = nil, executionRoleARN: String,
        environment: [String: String] = [:], vpc: VPCSettings? = nil, networkIsolation: Bool = false
    ) {
        self.name = name
        self.imageURI = imageURI
        self.modelDataURL = modelDataURL
        self.executionRoleARN = executionRoleARN
        self.environment = environment
        self.vpc = vpc
        self.networkIsolation = networkIsolation
    }
}

/// Subnets and security groups for a model that runs inside a VPC.
public struct VPCSettings: Sendable, Equatable {
    /// Subnet ids (`subnet-…`), one to sixteen.
    public var subnetIDs: [String]
    /// Security group ids (`sg-…`), one to five.
    public var securityGroupIDs: [String]

    /// Creates VPC settings.
    public init(subnetIDs: [String], securityGroupIDs: [String]) {
        self.subnetIDs = subnetIDs
        self.securityGroupIDs = securityGroupIDs
    }
}
