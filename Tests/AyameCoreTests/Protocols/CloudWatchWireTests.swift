import Foundation
import Testing
@testable import AyameCore

/// CloudWatch in awsJson1_0 (query-compatible) and awsQuery, and STS in awsQuery, from
/// `Tests/TestData/wire`.
@Suite struct CloudWatchWireTests {
    let json = AWSJSONCodec(version: .v1_0)
    let query = AWSQueryCodec()

    static let alarmActionARN = "arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:287313cd-f22b-4698-83bf-ef1a1885ce9c:resource/sagemaker/endpoint/async-inference-demo-endpoint/variant/AllTraffic:policyName/HasBacklogWithoutCapacity-ScalingPolicy"

    static let putMetricAlarmInput = structure([
        "AlarmName": string("HasBacklogWithoutCapacity-Alarm"),
        "MetricName": string("HasBacklogWithoutCapacity"),
        "Namespace": string("AWS/SageMaker"),
        "Statistic": string("Average"),
        "EvaluationPeriods": .integer(1),
        "DatapointsToAlarm": .integer(1),
        "Threshold": .double(0.5),
        "ComparisonOperator": string("GreaterThanOrEqualToThreshold"),
        "TreatMissingData": string("missing"),
        "Dimensions": list([structure(["Name": string("EndpointName"), "Value": string("async-inference-demo-endpoint")])]),
        "Period": .integer(60),
        "AlarmActions": list([string(alarmActionARN)]),
    ])

    @Test func putMetricAlarmJSON() throws {
        let wire = try Wire.checkRequest(
            "26_cloudwatch_PutMetricAlarm_json10.http", codec: json, operation: CloudWatchModels.putMetricAlarm,
            service: CloudWatchModels.jsonService, input: Self.putMetricAlarmInput, body: .json
        )
        #expect(try Wire.decodeResponse(wire, codec: json, operation: CloudWatchModels.putMetricAlarm, service: CloudWatchModels.jsonService).isEmpty)
    }

    @Test func describeAlarmsJSON() throws {
        let operation = CloudWatchModels.describeAlarms
        let wire = try Wire.checkRequest(
            "27_cloudwatch_DescribeAlarms_json10.http", codec: json, operation: operation, service: CloudWatchModels.jsonService,
            input: structure(["AlarmNames": list([string("HasBacklogWithoutCapacity-Alarm")])]), body: .compactJSON
        )
        let output = try Wire.decodeResponse(wire, codec: json, operation: operation, service: CloudWatchModels.jsonService)
        #expect(output["CompositeAlarms"] == list([]))
        let alarm = try #require(output["MetricAlarms"]?[0])
        #expect(alarm["AlarmName"] == string("HasBacklogWithoutCapacity-Alarm"))
        #expect(alarm["ActionsEnabled"] == .boolean(true))
        #expect(alarm["Threshold"] == .double(0.5))
        #expect(alarm["AlarmActions"] == list([string(Self.alarmActionARN)]))
        #expect(alarm["StateUpdatedTimestamp"]?.dateValue == Date(timeIntervalSince1970: 1_795_628_180.159))
        #expect(alarm["Dimensions"]?[0]?["Value"] == string("async-inference-demo-endpoint"))
    }

    @Test func setAlarmStateMissingJSONUsesTheQueryErrorCode() throws {
        let operation = CloudWatchModels.setAlarmState
        let wire = try Wire.checkRequest(
            "28_cloudwatch_SetAlarmState_missing_json10_ERROR.http", codec: json, operation: operation,
            service: CloudWatchModels.jsonService,
            input: structure(["AlarmName": string("no-such-alarm"), "StateValue": string("ALARM"), "StateReason": string("x")]),
            body: .compactJSON
        )
        let error = Wire.decodeError(wire, codec: json, operation: operation, service: CloudWatchModels.jsonService)
        #expect(error.code == "ResourceNotFound")
        #expect(error.message == "An unspecified service error occurred")
        #expect(error.statusCode == 404)
        #expect(error.requestID == "l7b5oydlNdDn8Iv6aEchdw83slP61xnXD2VN5SVr0XGhyBdEK3Rg")
        #expect(error.operation == "CloudWatch.SetAlarmState")
    }

    @Test func deleteAlarmsJSON() throws {
        let operation = CloudWatchModels.deleteAlarms
        let wire = try Wire.checkRequest(
            "37_cloudwatch_DeleteAlarms_json10.http", codec: json, operation: operation, service: CloudWatchModels.jsonService,
            input: structure(["AlarmNames": list([string("HasBacklogWithoutCapacity-Alarm")])]), body: .compactJSON
        )
        #expect(try Wire.decodeResponse(wire, codec: json, operation: operation, service: CloudWatchModels.jsonService).isEmpty)
    }

    @Test func putMetricAlarmQuery() throws {
        let operation = CloudWatchModels.putMetricAlarm
        let wire = try Wire.checkRequest(
            "29_cloudwatch_PutMetricAlarm_query.http", codec: query, operation: operation, service: CloudWatchModels.queryService,
            input: Self.putMetricAlarmInput, body: .formParameters
        )
        #expect(try Wire.decodeResponse(wire, codec: query, operation: operation, service: CloudWatchModels.queryService).isEmpty)
    }

    /// The same parameters botocore sent, in model order, byte for byte.
    @Test func putMetricAlarmQueryBodyInModelOrder() throws {
        let request = try query.encodeRequest(Self.putMetricAlarmInput, operation: CloudWatchModels.putMetricAlarm, service: CloudWatchModels.queryService)
        let expected = "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=HasBacklogWithoutCapacity-Alarm"
            + "&AlarmActions.member.1=arn%3Aaws%3Aautoscaling%3Aap-northeast-1%3A123456789012%3AscalingPolicy%3A287313cd-f22b-4698-83bf-ef1a1885ce9c%3Aresource%2Fsagemaker%2Fendpoint%2Fasync-inference-demo-endpoint%2Fvariant%2FAllTraffic%3ApolicyName%2FHasBacklogWithoutCapacity-ScalingPolicy"
            + "&MetricName=HasBacklogWithoutCapacity&Namespace=AWS%2FSageMaker&Statistic=Average"
            + "&Dimensions.member.1.Name=EndpointName&Dimensions.member.1.Value=async-inference-demo-endpoint"
            + "&Period=60&EvaluationPeriods=1&DatapointsToAlarm=1&Threshold=0.5"
            + "&ComparisonOperator=GreaterThanOrEqualToThreshold&TreatMissingData=missing"
        #expect(request.body == .bytes(Array(expected.utf8)))
    }

    @Test func describeAlarmsQuery() throws {
        let operation = CloudWatchModels.describeAlarms
        let wire = try Wire.checkRequest(
            "30_cloudwatch_DescribeAlarms_query.http", codec: query, operation: operation, service: CloudWatchModels.queryService,
            input: structure(["AlarmNames": list([string("HasBacklogWithoutCapacity-Alarm")])]), body: .exact
        )
        let output = try Wire.decodeResponse(wire, codec: query, operation: operation, service: CloudWatchModels.queryService)
        #expect(output["CompositeAlarms"] == list([]))
        let alarm = try #require(output["MetricAlarms"]?[0])
        #expect(alarm["AlarmArn"] == string("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:HasBacklogWithoutCapacity-Alarm"))
        #expect(alarm["OKActions"] == list([]))
        #expect(alarm["AlarmActions"] == list([string(Self.alarmActionARN)]))
        #expect(alarm["StateReasonData"] == string("{}"))
        #expect(alarm["Period"] == .integer(60))
        #expect(alarm["Threshold"] == .double(0.5))
        #expect(alarm["ActionsEnabled"] == .boolean(true))
        #expect(alarm["Dimensions"]?[0]?["Name"] == string("EndpointName"))
        let updated = try #require(alarm["AlarmConfigurationUpdatedTimestamp"]?.dateValue)
        #expect(abs(updated.timeIntervalSince1970 - 1_795_628_180.410878) < 0.000_001)
        #expect(alarm["Metrics"] == list([]))
    }

    @Test func setAlarmStateMissingQuery() throws {
        let operation = CloudWatchModels.setAlarmState
        let wire = try Wire.checkRequest(
            "31_cloudwatch_SetAlarmState_missing_query_ERROR.http", codec: query, operation: operation,
            service: CloudWatchModels.queryService,
            input: structure(["AlarmName": string("no-such-alarm"), "StateValue": string("ALARM"), "StateReason": string("x")]),
            body: .exact
        )
        let error = Wire.decodeError(wire, codec: query, operation: operation, service: CloudWatchModels.queryService)
        #expect(error.code == "ResourceNotFound")
        #expect(error.message == "An unspecified service error occurred")
        #expect(error.statusCode == 404)
        #expect(error.requestID == "nZPGSD7VsUPCzxlTCkJnlRk5XMnOBvZSmW9ZuQflfBvYYqBj6mMQ")
    }

    @Test func stsGetCallerIdentity() throws {
        let operation = STSModels.getCallerIdentity
        let wire = try Wire.checkRequest(
            "32_sts_GetCallerIdentity_query.http", codec: query, operation: operation, service: STSModels.service,
            input: nil, body: .exact
        )
        let output = try Wire.decodeResponse(wire, codec: query, operation: operation, service: STSModels.service)
        #expect(output["UserId"] == string("AKIAIOSFODNN7EXAMPLE"))
        #expect(output["Account"] == string("123456789012"))
        #expect(output["Arn"] == string("arn:aws:sts::123456789012:user/moto"))
    }

    /// Ayame does not speak rpcv2Cbor; the HTML 404 moto answered still decodes to a useful
    /// error through any codec.
    @Test func cborRequestAnsweredWithHTML() throws {
        let wire = try WireFile.load("33_cloudwatch_DescribeAlarms_cbor_UNSUPPORTED.http")
        for codec in [json as any ProtocolCodec, query] {
            let error = codec.decodeError(wire.response, operation: CloudWatchModels.describeAlarms, service: CloudWatchModels.jsonService)
            #expect(error.code == "NotFound")
            #expect(error.statusCode == 404)
            #expect(error.message == "HTTP 404 Not Found; the response body (text/html; charset=utf-8) was not an AWS error document")
            #expect(error.requestID == nil)
            #expect(error.rawBody == wire.response.body)
        }
    }
}
