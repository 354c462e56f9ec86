import Testing
@testable import AyameCore

/// Error decoding rules of each protocol, beyond what the recorded exchanges show.
@Suite struct ErrorDecodingTests {
    static let operation = OperationDescriptor(name: "Op")
    static let jsonService = ServiceDescriptor.forCodecTests(.sageMaker, signingName: "sagemaker", apiVersion: "1", wireProtocol: .awsJson1_1, targetPrefix: "SageMaker")
    static let compatibleService = ServiceDescriptor.forCodecTests(.cloudWatch, signingName: "monitoring", apiVersion: "1", wireProtocol: .awsJson1_0,
                                                                   targetPrefix: "Granite", queryCompatible: true)
    static let restService = ServiceDescriptor.forCodecTests(.sageMakerRuntime, signingName: "sagemaker", apiVersion: "1", wireProtocol: .restJson1)

    func response(_ status: Int, _ headers: [(String, String)] = [], _ body: String = "") -> ReceivedResponse {
        ReceivedResponse(statusCode: status, headers: headers.map { HTTPHeaderField($0.0, $0.1) }, body: Array(body.utf8))
    }

    @Test func awsJSONPrefersTypeThenCodeThenHeader() {
        let codec = AWSJSONCodec(version: .v1_1)
        let both = codec.decodeError(response(400, [("X-Amzn-ErrorType", "HeaderCode:http://x")], #"{"__type":"aws#BodyCode","message":"m"}"#),
                                     operation: Self.operation, service: Self.jsonService)
        #expect(both.code == "BodyCode")
        #expect(both.message == "m")
        let headerOnly = codec.decodeError(response(400, [("X-Amzn-ErrorType", "HeaderCode:http://x")], #"{"Message":"M"}"#),
                                           operation: Self.operation, service: Self.jsonService)
        #expect(headerOnly.code == "HeaderCode")
        #expect(headerOnly.message == "M")
        let codeField = codec.decodeError(response(400, [], #"{"code":"Lower","errorMessage":"e"}"#), operation: Self.operation, service: Self.jsonService)
        #expect(codeField.code == "Lower")
        #expect(codeField.message == "e")
    }

    @Test func queryCompatibleServicesUseTheQueryErrorHeader() {
        let codec = AWSJSONCodec(version: .v1_0)
        let body = #"{"__type":"com.amazonaws.granite#ResourceNotFoundException","message":"gone"}"#
        let error = codec.decodeError(response(404, [("x-amzn-query-error", "ResourceNotFound;Sender")], body),
                                      operation: Self.operation, service: Self.compatibleService)
        #expect(error.code == "ResourceNotFound")
        let ignored = codec.decodeError(response(404, [("x-amzn-query-error", "ResourceNotFound;Sender")], body),
                                        operation: Self.operation, service: Self.jsonService)
        #expect(ignored.code == "ResourceNotFoundException")
        let malformed = codec.decodeError(response(404, [("x-amzn-query-error", ";Sender")], body),
                                          operation: Self.operation, service: Self.compatibleService)
        #expect(malformed.code == "ResourceNotFoundException")
    }

    @Test func restJSONPrefersTheErrorTypeHeader() {
        let codec = RESTJSONCodec()
        let error = codec.decodeError(response(400, [("x-amzn-ErrorType", "ModelError:http://internal/"), ("x-amzn-RequestId", "rid")],
                                               #"{"__type":"Other","code":"Other2","Message":"bad model"}"#),
                                      operation: Self.operation, service: Self.restService)
        #expect(error.code == "ModelError")
        #expect(error.message == "bad model")
        #expect(error.requestID == "rid")
        #expect(error.operation == "SageMakerRuntime.Op")
        let bodyOnly = codec.decodeError(response(400, [], #"{"code":"C","message":"m","RequestId":"body-id"}"#),
                                         operation: Self.operation, service: Self.restService)
        #expect(bodyOnly.code == "C")
        #expect(bodyOnly.requestID == "body-id")
    }

    @Test func xmlFromAJSONServiceIsReadAsXML() {
        let body = #"<?xml version="1.0"?><ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>no</Message></Error></Errors><RequestID>r1</RequestID></ErrorResponse>"#
        for codec in [AWSJSONCodec(version: .v1_1) as any ProtocolCodec, RESTJSONCodec(), AWSQueryCodec(), RESTXMLCodec()] {
            let error = codec.decodeError(response(403, [], body), operation: Self.operation, service: Self.jsonService)
            #expect(error.code == "AccessDenied")
            #expect(error.message == "no")
            #expect(error.requestID == "r1")
        }
    }

    @Test func xmlLayoutsOfQueryAndRestXML() {
        let query = AWSQueryCodec().decodeError(
            response(400, [], "<ErrorResponse xmlns=\"urn:x\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>slow</Message></Error><RequestId>q</RequestId></ErrorResponse>"),
            operation: Self.operation, service: Self.jsonService)
        #expect(query.code == "Throttling" && query.message == "slow" && query.requestID == "q")
        let s3 = RESTXMLCodec().decodeError(
            response(403, [("x-amz-request-id", "hdr"), ("x-amz-id-2", "ext")], "<Error><Code>AccessDenied</Code><Message>m</Message><RequestId>body</RequestId><HostId>h</HostId></Error>"),
            operation: Self.operation, service: S3Models.service)
        #expect(s3.code == "AccessDenied" && s3.requestID == "hdr" && s3.extendedRequestID == "ext")
    }

    @Test func statusCodesNameErrorsWithoutABody() {
        let cases: [(Int, String)] = [(301, "MovedPermanently"), (304, "NotModified"), (400, "BadRequest"), (403, "Forbidden"), (404, "NotFound"),
                                      (412, "PreconditionFailed"), (429, "TooManyRequests"), (500, "InternalServerError"), (503, "ServiceUnavailable"), (418, "HTTP418")]
        for (status, code) in cases {
            for codec in [RESTXMLCodec() as any ProtocolCodec, AWSJSONCodec(version: .v1_0), RESTJSONCodec(), AWSQueryCodec()] {
                let error = codec.decodeError(response(status), operation: Self.operation, service: Self.jsonService)
                #expect(error.code == code)
                #expect(error.statusCode == status)
                #expect(error.message?.hasPrefix("HTTP \(status)") == true)
            }
        }
    }

    @Test func bodiesThatAreNotAWSErrorsNeverLeakIntoTheMessage() {
        let bodies = ["<html><body>proxy says no: secret=abc</body></html>", "<!doctype html><p>x</p>", "Service Unavailable secret=abc",
                      "{not json secret=abc", "<Error><Code>Unclosed", "[1,2]"]
        for body in bodies {
            for codec in [RESTXMLCodec() as any ProtocolCodec, AWSJSONCodec(version: .v1_1), RESTJSONCodec(), AWSQueryCodec()] {
                let error = codec.decodeError(response(502, [("Content-Type", "text/html")], body), operation: Self.operation, service: Self.jsonService)
                #expect(error.code == "BadGateway")
                #expect(error.message == "HTTP 502 Bad Gateway; the response body (text/html) was not an AWS error document")
                #expect(!error.description.contains("secret"))
                #expect(error.rawBody == Array(body.utf8))
            }
        }
    }

    @Test func anErrorDocumentWithoutACodeFallsBackToTheStatus() {
        let error = AWSJSONCodec(version: .v1_1).decodeError(response(500, [], #"{"message":"boom"}"#), operation: Self.operation, service: Self.jsonService)
        #expect(error.code == "InternalServerError")
        #expect(error.message == "boom")
        let empty = AWSJSONCodec(version: .v1_1).decodeError(response(500, [], "{}"), operation: Self.operation, service: Self.jsonService)
        #expect(empty.message == "HTTP 500 Internal Server Error; the error document has no code")
    }
}
