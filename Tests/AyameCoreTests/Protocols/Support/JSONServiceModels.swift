@testable import AyameCore

/// ECR (awsJson1_1), from botocore's `ecr/2015-09-21` model.
enum ECRModels {
    static let service = ServiceDescriptor.forCodecTests(
        .ecr, signingName: "ecr", apiVersion: "2015-09-21", wireProtocol: .awsJson1_1,
        targetPrefix: "AmazonEC2ContainerRegistry_V20150921"
    )
    static let tag = Shape.structure("Tag", [member("Key", Shape.string, required: true), member("Value", Shape.string, required: true)])
    static let scanning = Shape.structure("ImageScanningConfiguration", [member("scanOnPush", Shape.boolean)])
    static let encryption = Shape.structure("EncryptionConfiguration", [
        member("encryptionType", Shape.string, required: true), member("kmsKey", Shape.string),
    ])

    static let createRepository = OperationDescriptor(
        name: "CreateRepository",
        input: Shape.structure("CreateRepositoryRequest", [
            member("registryId", Shape.string),
            member("repositoryName", Shape.string, required: true),
            member("tags", Shape.list("TagList", of: tag)),
            member("imageTagMutability", Shape.string),
            member("imageScanningConfiguration", scanning),
            member("encryptionConfiguration", encryption),
        ]),
        output: Shape.structure("CreateRepositoryResponse", [
            member("repository", Shape.structure("Repository", [
                member("repositoryArn", Shape.string),
                member("registryId", Shape.string),
                member("repositoryName", Shape.string),
                member("repositoryUri", Shape.string),
                member("createdAt", Shape.timestamp),
                member("imageTagMutability", Shape.string),
                member("imageScanningConfiguration", scanning),
                member("encryptionConfiguration", encryption),
            ])),
        ])
    )

    static let getAuthorizationToken = OperationDescriptor(
        name: "GetAuthorizationToken",
        input: Shape.structure("GetAuthorizationTokenRequest", [
            member("registryIds", Shape.list("GetAuthorizationTokenRegistryIdList", of: Shape.string)),
        ]),
        output: Shape.structure("GetAuthorizationTokenResponse", [
            member("authorizationData", Shape.list("AuthorizationDataList", of: Shape.structure("AuthorizationData", [
                member("authorizationToken", Shape.string),
                member("expiresAt", Shape.timestamp),
                member("proxyEndpoint", Shape.string),
            ]))),
        ])
    )
}

/// SageMaker (awsJson1_1), from botocore's `sagemaker/2017-07-24` model (members the
/// walkthrough does not touch are partly left out).
enum SageMakerModels {
    static let service = ServiceDescriptor.forCodecTests(
        .sageMaker, signingName: "sagemaker", apiVersion: "2017-07-24", wireProtocol: .awsJson1_1, targetPrefix: "SageMaker"
    )
    static let tags = Shape.list("TagList", of: Shape.structure("Tag", [member("Key", Shape.string), member("Value", Shape.string)]))
    static let container = Shape.structure("ContainerDefinition", [
        member("ContainerHostname", Shape.string),
        member("Image", Shape.string),
        member("Mode", Shape.string),
        member("ModelDataUrl", Shape.string),
        member("Environment", Shape.map("EnvironmentMap", value: Shape.string)),
        member("ModelPackageName", Shape.string),
    ])
    static let vpcConfig = Shape.structure("VpcConfig", [
        member("SecurityGroupIds", Shape.list("VpcSecurityGroupIds", of: Shape.string)),
        member("Subnets", Shape.list("Subnets", of: Shape.string)),
    ])

    static let createModel = OperationDescriptor(
        name: "CreateModel",
        input: Shape.structure("CreateModelInput", [
            member("ModelName", Shape.string, required: true),
            member("PrimaryContainer", container),
            member("Containers", Shape.list("ContainerDefinitionList", of: container)),
            member("ExecutionRoleArn", Shape.string),
            member("Tags", tags),
            member("VpcConfig", vpcConfig),
            member("EnableNetworkIsolation", Shape.boolean),
        ]),
        output: Shape.structure("CreateModelOutput", [member("ModelArn", Shape.string, required: true)])
    )

    static let describeModelOutput = Shape.structure("DescribeModelOutput", [
        member("ModelName", Shape.string),
        member("PrimaryContainer", container),
        member("Containers", Shape.list("ContainerDefinitionList", of: container)),
        member("ExecutionRoleArn", Shape.string),
        member("VpcConfig", vpcConfig),
        member("CreationTime", Shape.timestamp),
        member("ModelArn", Shape.string),
        member("EnableNetworkIsolation", Shape.boolean),
    ])

    static let describeModel = OperationDescriptor(
        name: "DescribeModel",
        input: Shape.structure("DescribeModelInput", [member("ModelName", Shape.string, required: true)]),
        output: describeModelOutput
    )

    static let productionVariant = Shape.structure("ProductionVariant", [
        member("VariantName", Shape.string, required: true),
        member("ModelName", Shape.string),
        member("InitialInstanceCount", Shape.integer),
        member("InstanceType", Shape.string),
        member("InitialVariantWeight", Shape.float),
        member("AcceleratorType", Shape.string),
        member("VolumeSizeInGB", Shape.integer),
        member("EnableSSMAccess", Shape.boolean),
    ])
    static let asyncInferenceConfig = Shape.structure("AsyncInferenceConfig", [
        member("ClientConfig", Shape.structure("AsyncInferenceClientConfig", [member("MaxConcurrentInvocationsPerInstance", Shape.integer)])),
        member("OutputConfig", Shape.structure("AsyncInferenceOutputConfig", [
            member("KmsKeyId", Shape.string),
            member("S3OutputPath", Shape.string),
            member("NotificationConfig", Shape.structure("AsyncInferenceNotificationConfig", [
                member("SuccessTopic", Shape.string),
                member("ErrorTopic", Shape.string),
                member("IncludeInferenceResponseIn", Shape.list("AsyncNotificationTopicTypeList", of: Shape.string)),
            ])),
            member("S3FailurePath", Shape.string),
        ]), required: true),
    ])
    static let dataCaptureConfig = Shape.structure("DataCaptureConfig", [
        member("EnableCapture", Shape.boolean),
        member("InitialSamplingPercentage", Shape.integer),
        member("DestinationS3Uri", Shape.string),
        member("KmsKeyId", Shape.string),
    ])

    static let createEndpointConfig = OperationDescriptor(
        name: "CreateEndpointConfig",
        input: Shape.structure("CreateEndpointConfigInput", [
            member("EndpointConfigName", Shape.string, required: true),
            member("ProductionVariants", Shape.list("ProductionVariantList", of: productionVariant), required: true),
            member("DataCaptureConfig", dataCaptureConfig),
            member("Tags", tags),
            member("KmsKeyId", Shape.string),
            member("AsyncInferenceConfig", asyncInferenceConfig),
            member("ExecutionRoleArn", Shape.string),
            member("EnableNetworkIsolation", Shape.boolean),
        ]),
        output: Shape.structure("CreateEndpointConfigOutput", [member("EndpointConfigArn", Shape.string, required: true)])
    )

    static let describeEndpointConfig = OperationDescriptor(
        name: "DescribeEndpointConfig",
        input: Shape.structure("DescribeEndpointConfigInput", [member("EndpointConfigName", Shape.string, required: true)]),
        output: Shape.structure("DescribeEndpointConfigOutput", [
            member("EndpointConfigName", Shape.string),
            member("EndpointConfigArn", Shape.string),
            member("ProductionVariants", Shape.list("ProductionVariantList", of: productionVariant)),
            member("DataCaptureConfig", dataCaptureConfig),
            member("KmsKeyId", Shape.string),
            member("CreationTime", Shape.timestamp),
            member("AsyncInferenceConfig", asyncInferenceConfig),
            member("ExecutionRoleArn", Shape.string),
            member("EnableNetworkIsolation", Shape.boolean),
        ])
    )

    static let createEndpoint = OperationDescriptor(
        name: "CreateEndpoint",
        input: Shape.structure("CreateEndpointInput", [
            member("EndpointName", Shape.string, required: true),
            member("EndpointConfigName", Shape.string, required: true),
            member("Tags", tags),
        ]),
        output: Shape.structure("CreateEndpointOutput", [member("EndpointArn", Shape.string, required: true)])
    )

    static let describeEndpoint = OperationDescriptor(
        name: "DescribeEndpoint",
        input: Shape.structure("DescribeEndpointInput", [member("EndpointName", Shape.string, required: true)]),
        output: Shape.structure("DescribeEndpointOutput", [
            member("EndpointName", Shape.string),
            member("EndpointArn", Shape.string),
            member("EndpointConfigName", Shape.string),
            member("ProductionVariants", Shape.list("ProductionVariantSummaryList", of: Shape.structure("ProductionVariantSummary", [
                member("VariantName", Shape.string),
                member("CurrentWeight", Shape.float),
                member("DesiredWeight", Shape.float),
                member("CurrentInstanceCount", Shape.integer),
                member("DesiredInstanceCount", Shape.integer),
            ]))),
            member("DataCaptureConfig", Shape.structure("DataCaptureConfigSummary", [
                member("EnableCapture", Shape.boolean), member("CaptureStatus", Shape.string),
            ])),
            member("EndpointStatus", Shape.string),
            member("FailureReason", Shape.string),
            member("CreationTime", Shape.timestamp),
            member("LastModifiedTime", Shape.timestamp),
            member("AsyncInferenceConfig", asyncInferenceConfig),
        ])
    )

    static let deleteEndpoint = OperationDescriptor(
        name: "DeleteEndpoint",
        input: Shape.structure("DeleteEndpointInput", [member("EndpointName", Shape.string, required: true)])
    )

    static let deleteModel = OperationDescriptor(
        name: "DeleteModel",
        input: Shape.structure("DeleteModelInput", [member("ModelName", Shape.string, required: true)])
    )

    /// Not a walkthrough call: an operation with an idempotency token, for token filling.
    static let createWithToken = OperationDescriptor(
        name: "CreateTrainingPlan",
        input: Shape.structure("CreateWithTokenInput", [
            member("Name", Shape.string, required: true),
            member("ClientToken", Shape.string, idempotencyToken: true),
        ])
    )
}

/// Application Auto Scaling (awsJson1_1), from botocore's `application-autoscaling/2016-02-06`.
enum AutoScalingModels {
    static let service = ServiceDescriptor.forCodecTests(
        .applicationAutoScaling, signingName: "application-autoscaling", apiVersion: "2016-02-06",
        wireProtocol: .awsJson1_1, targetPrefix: "AnyScaleFrontendService"
    )
    static let dimensions = Shape.list("MetricDimensions", of: Shape.structure("MetricDimension", [
        member("Name", Shape.string, required: true), member("Value", Shape.string, required: true),
    ]))
    static let stepScaling = Shape.structure("StepScalingPolicyConfiguration", [
        member("AdjustmentType", Shape.string),
        member("StepAdjustments", Shape.list("StepAdjustments", of: Shape.structure("StepAdjustment", [
            member("MetricIntervalLowerBound", Shape.double),
            member("MetricIntervalUpperBound", Shape.double),
            member("ScalingAdjustment", Shape.integer, required: true),
        ]))),
        member("MinAdjustmentMagnitude", Shape.integer),
        member("Cooldown", Shape.integer),
        member("MetricAggregationType", Shape.string),
    ])
    static let targetTracking = Shape.structure("TargetTrackingScalingPolicyConfiguration", [
        member("TargetValue", Shape.double, required: true),
        member("PredefinedMetricSpecification", Shape.structure("PredefinedMetricSpecification", [
            member("PredefinedMetricType", Shape.string, required: true), member("ResourceLabel", Shape.string),
        ])),
        member("CustomizedMetricSpecification", Shape.structure("CustomizedMetricSpecification", [
            member("MetricName", Shape.string),
            member("Namespace", Shape.string),
            member("Dimensions", dimensions),
            member("Statistic", Shape.string),
            member("Unit", Shape.string),
        ])),
        member("ScaleOutCooldown", Shape.integer),
        member("ScaleInCooldown", Shape.integer),
        member("DisableScaleIn", Shape.boolean),
    ])
    static let alarms = Shape.list("Alarms", of: Shape.structure("Alarm", [member("AlarmName", Shape.string), member("AlarmARN", Shape.string)]))

    static let registerScalableTarget = OperationDescriptor(
        name: "RegisterScalableTarget",
        input: Shape.structure("RegisterScalableTargetRequest", [
            member("ServiceNamespace", Shape.string, required: true),
            member("ResourceId", Shape.string, required: true),
            member("ScalableDimension", Shape.string, required: true),
            member("MinCapacity", Shape.integer),
            member("MaxCapacity", Shape.integer),
            member("RoleARN", Shape.string),
            member("SuspendedState", Shape.structure("SuspendedState", [
                member("DynamicScalingInSuspended", Shape.boolean),
                member("DynamicScalingOutSuspended", Shape.boolean),
                member("ScheduledScalingSuspended", Shape.boolean),
            ])),
            member("Tags", Shape.map("TagMap", value: Shape.string)),
        ]),
        output: Shape.structure("RegisterScalableTargetResponse", [member("ScalableTargetARN", Shape.string)])
    )

    static let putScalingPolicy = OperationDescriptor(
        name: "PutScalingPolicy",
        input: Shape.structure("PutScalingPolicyRequest", [
            member("PolicyName", Shape.string, required: true),
            member("ServiceNamespace", Shape.string, required: true),
            member("ResourceId", Shape.string, required: true),
            member("ScalableDimension", Shape.string, required: true),
            member("PolicyType", Shape.string),
            member("StepScalingPolicyConfiguration", stepScaling),
            member("TargetTrackingScalingPolicyConfiguration", targetTracking),
        ]),
        output: Shape.structure("PutScalingPolicyResponse", [member("PolicyARN", Shape.string), member("Alarms", alarms)])
    )

    static let describeScalingPolicies = OperationDescriptor(
        name: "DescribeScalingPolicies",
        input: Shape.structure("DescribeScalingPoliciesRequest", [
            member("PolicyNames", Shape.list("ResourceIdsMaxLen1600", of: Shape.string)),
            member("ServiceNamespace", Shape.string, required: true),
            member("ResourceId", Shape.string),
            member("ScalableDimension", Shape.string),
            member("MaxResults", Shape.integer),
            member("NextToken", Shape.string),
        ]),
        output: Shape.structure("DescribeScalingPoliciesResponse", [
            member("ScalingPolicies", Shape.list("ScalingPolicies", of: Shape.structure("ScalingPolicy", [
                member("PolicyARN", Shape.string),
                member("PolicyName", Shape.string),
                member("ServiceNamespace", Shape.string),
                member("ResourceId", Shape.string),
                member("ScalableDimension", Shape.string),
                member("PolicyType", Shape.string),
                member("StepScalingPolicyConfiguration", stepScaling),
                member("TargetTrackingScalingPolicyConfiguration", targetTracking),
                member("Alarms", alarms),
                member("CreationTime", Shape.timestamp),
            ]))),
            member("NextToken", Shape.string),
        ])
    )

    static let deregisterScalableTarget = OperationDescriptor(
        name: "DeregisterScalableTarget",
        input: Shape.structure("DeregisterScalableTargetRequest", [
            member("ServiceNamespace", Shape.string, required: true),
            member("ResourceId", Shape.string, required: true),
            member("ScalableDimension", Shape.string, required: true),
        ]),
        output: Shape.structure("DeregisterScalableTargetResponse", [])
    )
}
