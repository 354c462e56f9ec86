import Foundation
import Testing
@testable import AyameCore

/// `Tests/TestData/wire/errors` and `wire/auth`: error bodies as moto sends them, including
/// awsQuery-style XML from JSON services when authentication fails.
@Suite struct ErrorCorpusTests {
    struct SageMakerCase: Sendable, CustomTestStringConvertible {
        var file: String
        var operation: String
        var code: String?
        var requestID: String
        var testDescription: String { file }
    }

    static let sageMakerCases: [SageMakerCase] = [
        .init(file: "sagemaker_CreateEndpointConfig_bad_instance.http", operation: "CreateEndpointConfig", code: "ValidationException",
              requestID: "Ah7BJsp381E6MdjyfsnLKNgL4JW6Cu9SjyowlT3f4wcSWBoyBFHS"),
        .init(file: "sagemaker_CreateEndpointConfig_duplicate.http", operation: "CreateEndpointConfig", code: nil,
              requestID: "M4LfTvYXeRqWsd40FV4570xqtZeLe0QArNLyc1Vb61zuagDiMwx0"),
        .init(file: "sagemaker_CreateEndpointConfig_first.http", operation: "CreateEndpointConfig", code: nil,
              requestID: "A7aUiR0jU7P97tcVd6PCLQ5flKDpd7m7SXxFcYxPlpmcithZUlO8"),
        .init(file: "sagemaker_CreateEndpoint_duplicate.http", operation: "CreateEndpoint", code: nil,
              requestID: "DStk1TNEb655B9ehZUOHbZCIR373HnyYlyV5z9qGw3qKKlDpFApX"),
        .init(file: "sagemaker_CreateEndpoint_first.http", operation: "CreateEndpoint", code: nil,
              requestID: "lwly8o3kg577fCH8JkbUjzAfkjWr0P8zifb7oJ1QtmwEIW5z5SbH"),
        .init(file: "sagemaker_CreateEndpoint_missing_config.http", operation: "CreateEndpoint", code: "ValidationException",
              requestID: "WZ9A2y6ywli57Kzusv5l8aA7hqgOzLjUlVloqA6SBdRpzC90VgvP"),
        .init(file: "sagemaker_CreateModel_duplicate.http", operation: "CreateModel", code: nil,
              requestID: "dw98sJP6p6B0embeeBkRaC6t70zUr5Zs9oqsMhhH1KZq13Mx6pGY"),
        .init(file: "sagemaker_CreateModel_first.http", operation: "CreateModel", code: nil,
              requestID: "yV6h3fC0ufo8FHHGdnjiR3N7eHEE2HDCICVbuH0TfVKJ9fLhcDcq"),
        .init(file: "sagemaker_DeleteModel_unknown.http", operation: "DeleteModel", code: "ValidationException",
              requestID: "1p2cwrpVEKvI2vWTHoMOg7Yd2RT69fhGDfqvuIgVZXNPji2wEwaz"),
        .init(file: "sagemaker_DescribeEndpoint_unknown.http", operation: "DescribeEndpoint", code: "ValidationException",
              requestID: "cLktPsPI21cRN4WAPoGDuJuo0VPo5ifaIDOI66y7Ky2jdW1V1wGT"),
    ]

    static let sageMakerOperations: [String: OperationDescriptor] = [
        "CreateEndpointConfig": SageMakerModels.createEndpointConfig, "CreateEndpoint": SageMakerModels.createEndpoint,
        "CreateModel": SageMakerModels.createModel, "DeleteModel": SageMakerModels.deleteModel,
        "DescribeEndpoint": SageMakerModels.describeEndpoint,
    ]

    /// The recorded request body is read back with the input schema and written again: the
    /// result must be the same JSON (both directions of the codec at once).
    @Test(arguments: sageMakerCases)
    func sageMaker(_ testCase: SageMakerCase) throws {
        let codec = AWSJSONCodec(version: .v1_1)
        let operation = try #require(Self.sageMakerOperations[testCase.operation])
        let service = SageMakerModels.service
        let recorded = try #require(WireFile.load("errors/\(testCase.file)").request)
        let input = try JSONShapeDecoder.value(JSONReader.parse(recorded.body), target: try #require(operation.input), path: "")
        let wire = try Wire.checkRequest("errors/\(testCase.file)", codec: codec, operation: operation, service: service,
                                         input: input, body: .compactJSON)
        if let code = testCase.code {
            let error = Wire.decodeError(wire, codec: codec, operation: operation, service: service)
            #expect(error.code == code)
            #expect(error.statusCode == 400)
            #expect(error.requestID == testCase.requestID)
            let body = try JSONReader.parse(wire.response.body).objectValue
            #expect(error.message == body?["Message"]?.stringValue)
            #expect(error.message?.isEmpty == false)
        } else {
            let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: service)
            #expect(output.values.allSatisfy { $0.stringValue?.hasPrefix("arn:aws:sagemaker:") == true })
            #expect(output.count == 1)
        }
    }

    struct S3Case: Sendable, CustomTestStringConvertible {
        var file: String
        var status: Int
        var code: String?
        var message: String?
        var testDescription: String { file }
    }

    static let s3Cases: [S3Case] = [
        .init(file: "s3_CreateBucket_Bad_Bucket_Name.http", status: 200, code: nil, message: nil),
        .init(file: "s3_CreateBucket_Bad_Bucket_Name_bang.http", status: 200, code: nil, message: nil),
        .init(file: "s3_CreateBucket_no_location_in_apne1.http", status: 400, code: "IllegalLocationConstraintException",
              message: "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."),
        .init(file: "s3_CreateBucket_too_short_ab.http", status: 400, code: "InvalidBucketName", message: "The specified bucket is not valid."),
        .init(file: "s3_GetObject_no_such_bucket.http", status: 404, code: "NoSuchBucket", message: "The specified bucket does not exist"),
    ]

    @Test(arguments: s3Cases)
    func s3(_ testCase: S3Case) throws {
        let codec = RESTXMLCodec()
        let wire = try WireFile.load("errors/\(testCase.file)")
        let recorded = try #require(wire.request)
        let operation = recorded.method == "GET" ? S3Models.getObject : S3Models.createBucket
        #expect(wire.response.statusCode == testCase.status)
        if let code = testCase.code {
            let error = Wire.decodeError(wire, codec: codec, operation: operation, service: S3Models.service)
            #expect(error.code == code)
            #expect(error.message == testCase.message)
            #expect(error.requestID == wire.response.header("x-amzn-requestid"))
            #expect(error.extendedRequestID == "9Gjjt1m+cjU4OPvX9O9/8RuvnG41MRb/18Oux2o5H5MY7ISNTlXN+Dz9IG62/ILVxhAGI0qyPfg=")
        } else {
            let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: S3Models.service)
            #expect(output["Location"] == string(recorded.path.removingPercentEncoding!))
        }
        // The request half: the bucket lives in the (path-style) endpoint, the body is ours.
        let bucket = String(recorded.path.split(separator: "/")[0])
        var input: [String: ShapeValue] = ["Bucket": string(bucket.removingPercentEncoding!)]
        if operation.name == "GetObject" {
            input["Key"] = string("k")
            input["ChecksumMode"] = string("ENABLED")
        } else if !recorded.body.isEmpty {
            input["CreateBucketConfiguration"] = structure(["LocationConstraint": string("ap-northeast-1")])
        }
        try Wire.checkRequest("errors/\(testCase.file)", codec: codec, operation: operation, service: S3Models.service,
                              input: .structure(input), body: recorded.body.isEmpty ? .empty : .exact, endpointPath: "/\(bucket)")
    }

    struct AuthCase: Sendable, CustomTestStringConvertible {
        var file: String
        var code: String?
        var testDescription: String { file }
    }

    static let authCases: [AuthCase] = [
        .init(file: "correct__cloudwatch_json10.http", code: nil),
        .init(file: "correct__cloudwatch_query.http", code: nil),
        .init(file: "correct__s3.http", code: nil),
        .init(file: "correct__sagemaker-runtime.http", code: "SignatureDoesNotMatch"),
        .init(file: "correct__sagemaker.http", code: nil),
        .init(file: "no-policy-user__cloudwatch_json10.http", code: "AccessDenied"),
        .init(file: "no-policy-user__cloudwatch_query.http", code: "AccessDenied"),
        .init(file: "no-policy-user__s3.http", code: "AccessDenied"),
        .init(file: "no-policy-user__sagemaker-runtime.http", code: "SignatureDoesNotMatch"),
        .init(file: "no-policy-user__sagemaker.http", code: "AccessDenied"),
        .init(file: "signed-1-day-ago__s3.http", code: nil),
        .init(file: "signed-1-day-ago__sagemaker.http", code: nil),
        .init(file: "unknown-key__cloudwatch_json10.http", code: "InvalidClientTokenId"),
        .init(file: "unknown-key__cloudwatch_query.http", code: "InvalidClientTokenId"),
        .init(file: "unknown-key__s3.http", code: "InvalidAccessKeyId"),
        .init(file: "unknown-key__sagemaker-runtime.http", code: "InvalidClientTokenId"),
        .init(file: "unknown-key__sagemaker.http", code: "InvalidClientTokenId"),
        .init(file: "wrong-secret__cloudwatch_json10.http", code: "SignatureDoesNotMatch"),
        .init(file: "wrong-secret__cloudwatch_query.http", code: "SignatureDoesNotMatch"),
        .init(file: "wrong-secret__s3.http", code: "SignatureDoesNotMatch"),
        .init(file: "wrong-secret__sagemaker-runtime.http", code: "SignatureDoesNotMatch"),
        .init(file: "wrong-secret__sagemaker.http", code: "SignatureDoesNotMatch"),
    ]

    /// The codec, service and operation each auth file's call used.
    static func call(for file: String) -> (any ProtocolCodec, ServiceDescriptor, OperationDescriptor) {
        if file.contains("cloudwatch_json10") { return (AWSJSONCodec(version: .v1_0), CloudWatchModels.jsonService, CloudWatchModels.describeAlarms) }
        if file.contains("cloudwatch_query") { return (AWSQueryCodec(), CloudWatchModels.queryService, CloudWatchModels.describeAlarms) }
        if file.contains("__s3") { return (RESTXMLCodec(), S3Models.service, S3Models.putObject) }
        if file.contains("sagemaker-runtime") {
            return (RESTJSONCodec(), SageMakerRuntimeModels.service, SageMakerRuntimeModels.invokeEndpointAsync)
        }
        return (AWSJSONCodec(version: .v1_1), SageMakerModels.service, SageMakerModels.describeModel)
    }

    @Test(arguments: authCases)
    func auth(_ testCase: AuthCase) throws {
        let wire = try WireFile.load("auth/\(testCase.file)")
        #expect(wire.request == nil)
        let (codec, service, operation) = Self.call(for: testCase.file)
        let body = String(decoding: wire.response.body, as: UTF8.self)
        if let code = testCase.code {
            let error = codec.decodeError(wire.response, operation: operation, service: service)
            #expect(error.code == code)
            #expect(error.statusCode == 403)
            #expect(error.requestID == wire.response.header("x-amzn-requestid"))
            let message = try #require(error.message)
            #expect(body.contains("<Message>\(message)</Message>"))
            #expect(!error.description.contains("wJalrXUtnFEMI"))
        } else {
            let output = try codec.decodeResponse(wire.response, operation: operation, service: service)
            #expect(output.structureMembers != nil)
            if testCase.file.contains("sagemaker") {
                #expect(output["ModelName"] == string("m"))
                #expect(output["EnableNetworkIsolation"] == .boolean(false))
                #expect(output["Containers"] == list([]))
            } else if testCase.file.contains("s3") {
                #expect(output["ETag"] == string("\"bb6cb5c68df4652941caf652a366f2d8\""))
            } else {
                #expect(output["MetricAlarms"] == list([]))
            }
        }
    }

    /// Every file of `wire/` is exercised by one of the suites above.
    @Test func everyWireFileIsCovered() throws {
        let index = try JSONReader.parse(Data(contentsOf: WireFile.directory.appendingPathComponent("index.json")))
        guard case .array(let entries) = index else { Issue.record("index.json is not an array"); return }
        let files = entries.compactMap { $0.objectValue?["file"]?.stringValue }
        #expect(files.count == 38)
        let sources = try ["S3WireTests", "JSONWireTests", "CloudWatchWireTests", "RuntimeWireTests"].map { name in
            try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("\(name).swift"), encoding: .utf8)
        }.joined()
        for file in files {
            #expect(sources.contains("\"\(file)\""), "\(file) has no test")
        }
    }
}
