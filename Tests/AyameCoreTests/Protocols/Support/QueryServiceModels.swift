@testable import AyameCore

/// CloudWatch, from botocore's `cloudwatch/2010-08-01` model, which the service answers in
/// awsJson1_0 (query-compatible) and in awsQuery; the same operations serve both.
enum CloudWatchModels {
    static let jsonService = ServiceDescriptor.forCodecTests(
        .cloudWatch, signingName: "monitoring", apiVersion: "2010-08-01", wireProtocol: .awsJson1_0,
        targetPrefix: "GraniteServiceVersion20100801", xmlNamespace: "http://monitoring.amazonaws.com/doc/2010-08-01/",
        queryCompatible: true
    )
    static let queryService = ServiceDescriptor.forCodecTests(
        .cloudWatch, signingName: "monitoring", apiVersion: "2010-08-01", wireProtocol: .awsQuery,
        xmlNamespace: "http://monitoring.amazonaws.com/doc/2010-08-01/"
    )

    static let resourceList = Shape.list("ResourceList", of: Shape.string)
    static let dimensions = Shape.list("Dimensions", of: Shape.structure("Dimension", [
        member("Name", Shape.string, required: true), member("Value", Shape.string, required: true),
    ]))
    static let tags = Shape.list("TagList", of: Shape.structure("Tag", [
        member("Key", Shape.string, required: true), member("Value", Shape.string, required: true),
    ]))
    static let metricDataQueries = Shape.list("MetricDataQueries", of: Shape.structure("MetricDataQuery", [
        member("Id", Shape.string, required: true),
        member("Expression", Shape.string),
        member("Label", Shape.string),
        member("ReturnData", Shape.boolean),
        member("Period", Shape.integer),
        member("AccountId", Shape.string),
    ]))

    static let putMetricAlarm = OperationDescriptor(
        name: "PutMetricAlarm",
        input: Shape.structure("PutMetricAlarmInput", [
            member("AlarmName", Shape.string, required: true),
            member("AlarmDescription", Shape.string),
            member("ActionsEnabled", Shape.boolean),
            member("OKActions", resourceList),
            member("AlarmActions", resourceList),
            member("InsufficientDataActions", resourceList),
            member("MetricName", Shape.string),
            member("Namespace", Shape.string),
            member("Statistic", Shape.string),
            member("ExtendedStatistic", Shape.string),
            member("Dimensions", dimensions),
            member("Period", Shape.integer),
            member("Unit", Shape.string),
            member("EvaluationPeriods", Shape.integer),
            member("DatapointsToAlarm", Shape.integer),
            member("Threshold", Shape.double),
            member("ComparisonOperator", Shape.string),
            member("TreatMissingData", Shape.string),
            member("EvaluateLowSampleCountPercentile", Shape.string),
            member("Metrics", metricDataQueries),
            member("Tags", tags),
            member("ThresholdMetricId", Shape.string),
        ])
    )

    static let metricAlarm = Shape.structure("MetricAlarm", [
        member("AlarmName", Shape.string),
        member("AlarmArn", Shape.string),
        member("AlarmDescription", Shape.string),
        member("AlarmConfigurationUpdatedTimestamp", Shape.timestamp),
        member("ActionsEnabled", Shape.boolean),
        member("OKActions", resourceList),
        member("AlarmActions", resourceList),
        member("InsufficientDataActions", resourceList),
        member("StateValue", Shape.string),
        member("StateReason", Shape.string),
        member("StateReasonData", Shape.string),
        member("StateUpdatedTimestamp", Shape.timestamp),
        member("MetricName", Shape.string),
        member("Namespace", Shape.string),
        member("Statistic", Shape.string),
        member("ExtendedStatistic", Shape.string),
        member("Dimensions", dimensions),
        member("Period", Shape.integer),
        member("Unit", Shape.string),
        member("EvaluationPeriods", Shape.integer),
        member("DatapointsToAlarm", Shape.integer),
        member("Threshold", Shape.double),
        member("ComparisonOperator", Shape.string),
        member("TreatMissingData", Shape.string),
        member("Metrics", metricDataQueries),
    ])

    static let describeAlarms = OperationDescriptor(
        name: "DescribeAlarms",
        input: Shape.structure("DescribeAlarmsInput", [
            member("AlarmNames", Shape.list("AlarmNames", of: Shape.string)),
            member("AlarmNamePrefix", Shape.string),
            member("AlarmTypes", Shape.list("AlarmTypes", of: Shape.string)),
            member("ChildrenOfAlarmName", Shape.string),
            member("ParentsOfAlarmName", Shape.string),
            member("StateValue", Shape.string),
            member("ActionPrefix", Shape.string),
            member("MaxRecords", Shape.integer),
            member("NextToken", Shape.string),
        ]),
        output: Shape.structure("DescribeAlarmsOutput", [
            member("CompositeAlarms", Shape.list("CompositeAlarms", of: Shape.structure("CompositeAlarm", [
                member("AlarmName", Shape.string), member("AlarmRule", Shape.string),
            ]))),
            member("MetricAlarms", Shape.list("MetricAlarms", of: metricAlarm)),
            member("NextToken", Shape.string),
        ]),
        resultWrapper: "DescribeAlarmsResult"
    )

    static let setAlarmState = OperationDescriptor(
        name: "SetAlarmState",
        input: Shape.structure("SetAlarmStateInput", [
            member("AlarmName", Shape.string, required: true),
            member("StateValue", Shape.string, required: true),
            member("StateReason", Shape.string, required: true),
            member("StateReasonData", Shape.string),
        ])
    )

    static let deleteAlarms = OperationDescriptor(
        name: "DeleteAlarms",
        input: Shape.structure("DeleteAlarmsInput", [member("AlarmNames", Shape.list("AlarmNames", of: Shape.string), required: true)])
    )
}

/// STS (awsQuery), from botocore's `sts/2011-06-15` model.
enum STSModels {
    static let service = ServiceDescriptor.forCodecTests(
        .sts, signingName: "sts", apiVersion: "2011-06-15", wireProtocol: .awsQuery,
        xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/"
    )

    static let getCallerIdentity = OperationDescriptor(
        name: "GetCallerIdentity",
        input: Shape.structure("GetCallerIdentityRequest", []),
        output: Shape.structure("GetCallerIdentityResponse", [
            member("UserId", Shape.string), member("Account", Shape.string), member("Arn", Shape.string),
        ]),
        resultWrapper: "GetCallerIdentityResult"
    )
}

/// SageMaker Runtime (restJson1), from botocore's `sagemaker-runtime/2017-05-13` model.
enum SageMakerRuntimeModels {
    static let service = ServiceDescriptor.forCodecTests(
        .sageMakerRuntime, signingName: "sagemaker", apiVersion: "2017-05-13", wireProtocol: .restJson1
    )

    static let invokeEndpointAsync = OperationDescriptor(
        name: "InvokeEndpointAsync", httpMethod: "POST", requestURI: "/endpoints/{EndpointName}/async-invocations",
        input: Shape.structure("InvokeEndpointAsyncInput", [
            member("EndpointName", Shape.string, .uri("EndpointName"), required: true),
            member("ContentType", Shape.string, .header("X-Amzn-SageMaker-Content-Type")),
            member("Accept", Shape.string, .header("X-Amzn-SageMaker-Accept")),
            member("CustomAttributes", Shape.string, .header("X-Amzn-SageMaker-Custom-Attributes")),
            member("InferenceId", Shape.string, .header("X-Amzn-SageMaker-Inference-Id")),
            member("InputLocation", Shape.string, .header("X-Amzn-SageMaker-InputLocation"), required: true),
            member("S3OutputPathExtension", Shape.string, .header("X-Amzn-SageMaker-S3OutputPathExtension")),
            member("Filename", Shape.string, .header("X-Amzn-SageMaker-Filename")),
            member("RequestTTLSeconds", Shape.integer, .header("X-Amzn-SageMaker-RequestTTLSeconds")),
            member("InvocationTimeoutSeconds", Shape.integer, .header("X-Amzn-SageMaker-InvocationTimeoutSeconds")),
        ]),
        output: Shape.structure("InvokeEndpointAsyncOutput", [
            member("InferenceId", Shape.string),
            member("OutputLocation", Shape.string, .header("X-Amzn-SageMaker-OutputLocation")),
            member("FailureLocation", Shape.string, .header("X-Amzn-SageMaker-FailureLocation")),
        ])
    )

    static let bodyBlob = ShapeSchema(name: "BodyBlob", kind: .blob, traits: ShapeTraits(isSensitive: true))

    static let invokeEndpoint = OperationDescriptor(
        name: "InvokeEndpoint", httpMethod: "POST", requestURI: "/endpoints/{EndpointName}/invocations",
        input: Shape.structure("InvokeEndpointInput", [
            member("EndpointName", Shape.string, .uri("EndpointName"), required: true),
            member("Body", bodyBlob, required: true),
            member("ContentType", Shape.string, .header("Content-Type")),
            member("Accept", Shape.string, .header("Accept")),
            member("CustomAttributes", Shape.string, .header("X-Amzn-SageMaker-Custom-Attributes")),
            member("TargetModel", Shape.string, .header("X-Amzn-SageMaker-Target-Model")),
            member("TargetVariant", Shape.string, .header("X-Amzn-SageMaker-Target-Variant")),
            member("InferenceId", Shape.string, .header("X-Amzn-SageMaker-Inference-Id")),
        ], traits: ShapeTraits(payload: "Body")),
        output: Shape.structure("InvokeEndpointOutput", [
            member("Body", bodyBlob, required: true),
            member("ContentType", Shape.string, .header("Content-Type")),
            member("InvokedProductionVariant", Shape.string, .header("x-Amzn-Invoked-Production-Variant")),
            member("CustomAttributes", Shape.string, .header("X-Amzn-SageMaker-Custom-Attributes")),
        ], traits: ShapeTraits(payload: "Body"))
    )

    /// A describe-model call through the runtime's auth failure files (any operation works:
    /// errors do not depend on it).
    static let anyOperation = invokeEndpointAsync
}
