import Testing
@testable import AyameCore

@Suite struct ServiceErrorTests {
    @Test func codesLoseTheirNamespaceAndSuffix() {
        #expect(AWSServiceError.normalizedCode("com.amazonaws.sagemaker#ValidationException") == "ValidationException")
        #expect(AWSServiceError.normalizedCode("ThrottlingException:http://internal.amazon.com/coral/") == "ThrottlingException")
        #expect(AWSServiceError.normalizedCode("NoSuchKey") == "NoSuchKey")
    }

    @Test func descriptionCarriesCodeMessageStatusAndRequestID() {
        let error = AWSServiceError(
            code: "ValidationException", message: "Could not find endpoint \"x\".", statusCode: 400,
            requestID: "abc-123", operation: "SageMaker.DescribeEndpoint"
        )
        #expect(error.description == "SageMaker.DescribeEndpoint failed: ValidationException (HTTP 400): Could not find endpoint \"x\" [request id abc-123]. Check the resource name and region; the resource may not exist or may have been deleted.")
    }

    @Test func messagesEndingInAFullStopAreNotDoubled() {
        let error = AWSServiceError(code: "ValidationException", message: "Bad value.", statusCode: 400)
        #expect(error.description == "ValidationException (HTTP 400): Bad value. Check the input against the operation's constraints; the message says which value is wrong.")
        #expect(!AyameError.service(error).description.contains(".."))
        #expect(!AyameError.timeout("it took too long.").description.contains(".."))
    }

    @Test func credentialsFailureListsEveryProvider() {
        let failure = CredentialsFailure(attempts: ["environment: AWS_ACCESS_KEY_ID is not set", "profile default: no such profile"])
        #expect(failure.description.contains("  - environment: AWS_ACCESS_KEY_ID is not set\n  - profile default: no such profile"))
    }
}
