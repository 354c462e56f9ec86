import AyameS3
import AyameSageMakerRuntime
import AyameSTS
import Testing
@testable import AyameCore

/// Modelled error shapes read typed from error responses, through each protocol's codec and the
/// generated service descriptors, as the pipeline does.
@Suite struct ModelledErrorTests {
    static let operation = OperationDescriptor(name: "Op")

    static func decode(_ codec: any ProtocolCodec, _ service: ServiceDescriptor, status: Int, headers: [(String, String)] = [], _ body: String) -> AWSServiceError {
        let response = ReceivedResponse(statusCode: status, headers: headers.map { HTTPHeaderField($0.0, $0.1) }, body: Array(body.utf8))
        return codec.decodeError(response, operation: operation, service: service)
            .withModelledMembers(from: response, codec: codec, service: service)
    }

    @Test func restJSONModelErrorHasItsMembers() throws {
        let body = #"{"ErrorCode":"ModelError","Message":"Received server error (500)","OriginalStatusCode":500,"#
            + #""OriginalMessage":"boom","LogStreamArn":"arn:aws:logs:eu-west-3:1:log-group:/aws/sagemaker/Endpoints/e"}"#
        let error = Self.decode(RESTJSONCodec(), .sageMakerRuntime, status: 424,
                                headers: [("x-amzn-ErrorType", "ModelError:http://internal.amazon.com/"), ("x-amzn-RequestId", "rid-1")], body)
        #expect(error.code == "ModelError")
        #expect(error.message == "Received server error (500)")
        #expect(error.requestID == "rid-1")
        let modelError = try #require(error.modelled(as: SageMakerRuntime.ModelError.self))
        #expect(modelError == SageMakerRuntime.ModelError(
            message: "Received server error (500)", originalStatusCode: 500, originalMessage: "boom",
            logStreamArn: "arn:aws:logs:eu-west-3:1:log-group:/aws/sagemaker/Endpoints/e"))
        #expect(AyameError.service(error).modelled(as: SageMakerRuntime.ModelError.self) == modelError)
        #expect(error.modelled(as: SageMakerRuntime.ValidationError.self) == nil)
        #expect(AyameError.cancelled.modelled(as: SageMakerRuntime.ModelError.self) == nil)
    }

    @Test func restXMLErrorMembersComeFromTheErrorElement() throws {
        let body = "<Error><Code>InvalidObjectState</Code><Message>The operation is not valid for the object's storage class</Message>"
            + "<StorageClass>DEEP_ARCHIVE</StorageClass><AccessTier>ARCHIVE_ACCESS</AccessTier><RequestId>r</RequestId></Error>"
        let error = Self.decode(RESTXMLCodec(), .s3, status: 403, body)
        #expect(error.code == "InvalidObjectState")
        #expect(error.requestID == "r")
        let state = try #require(error.modelled(as: S3.InvalidObjectState.self))
        #expect(state.storageClass == .deepArchive)
        #expect(state.accessTier == .archiveAccess)
    }

    @Test func queryErrorUsesTheModelsErrorCode() throws {
        // STS's `ExpiredTokenException` shape is sent with the code `ExpiredTokenException`; the
        // awsQuery body wraps it in ErrorResponse/Error.
        let body = "<ErrorResponse><Error><Type>Sender</Type><Code>\(STS.ExpiredTokenException.errorCode)</Code>"
            + "<Message>The security token included in the request is expired</Message></Error><RequestId>q</RequestId></ErrorResponse>"
        let error = Self.decode(AWSQueryCodec(), .sts, status: 400, body)
        let expired = try #require(error.modelled(as: STS.ExpiredTokenException.self))
        #expect(expired.message == "The security token included in the request is expired")
    }

    @Test func anUnmodelledCodeHasNoMembers() {
        let error = Self.decode(RESTXMLCodec(), .s3, status: 400, "<Error><Code>SlowDown</Code><Message>m</Message></Error>")
        #expect(error.modelledMembers == nil)
        #expect(error.modelled(as: S3.NoSuchKey.self) == nil)
    }

    @Test func aBodyThatIsNotTheProtocolsDocumentStillGivesTheCodeAndMessage() {
        let error = Self.decode(RESTJSONCodec(), .sageMakerRuntime, status: 424,
                                headers: [("x-amzn-ErrorType", "ModelError")], "<html>proxy says no</html>")
        #expect(error.code == "ModelError")
        // Nothing but bound headers could be read: an empty ModelError, not a decoding failure.
        #expect(error.modelled(as: SageMakerRuntime.ModelError.self) == SageMakerRuntime.ModelError())
    }
}
