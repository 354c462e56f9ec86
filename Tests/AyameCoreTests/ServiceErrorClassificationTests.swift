import Testing
import AyameCore

/// `isNotFound`, `isAlreadyExists`, `isThrottling`, `isAccessDenied`, `isAuthenticationFailure`:
/// each service's own signals, and nothing else.
@Suite struct ServiceErrorClassificationTests {
    private func error(_ code: String, _ message: String? = nil, status: Int = 400, operation: String = "SageMaker.DescribeEndpoint") -> AWSServiceError {
        AWSServiceError(code: code, message: message, statusCode: status, operation: operation)
    }

    @Test func sageMakerSaysNotFoundInAValidationMessage() {
        #expect(error("ValidationException", "Could not find endpoint \"arn:aws:sagemaker:us-east-1:123:endpoint/x\".").isNotFound)
        #expect(error("ValidationException", "Could not find model \"x\".", operation: "SageMaker.DescribeModel").isNotFound)
        #expect(error("ValidationError", "Endpoint x of account 123 not found.", operation: "SageMakerRuntime.InvokeEndpointAsync").isNotFound)
    }

    @Test func otherValidationErrorsAreNotNotFound() {
        #expect(!error("ValidationException", "Cannot update in-progress endpoint \"arn:...\".").isNotFound)
        #expect(!error("ValidationException", "Could not assume role arn:aws:iam::123:role/x.").isNotFound)
        #expect(!error("ValidationException", nil).isNotFound)
        #expect(!error("ResourceLimitExceeded", "The account-level service limit is 2 instances.").isNotFound)
    }

    @Test func everyServicesNotFoundCode() {
        #expect(error("NoSuchKey", status: 404, operation: "S3.GetObject").isNotFound)
        #expect(error("NotFound", status: 404, operation: "S3.HeadObject").isNotFound)
        #expect(error("404", status: 404, operation: "S3.HeadBucket").isNotFound)
        #expect(error("ObjectNotFoundException", operation: "ApplicationAutoScaling.DeregisterScalableTarget").isNotFound)
        // moto's spelling of the same, as a ValidationException.
        #expect(error("ValidationException", "No scalable target found for service namespace: sagemaker, resource ID: x",
                      operation: "ApplicationAutoScaling.DeregisterScalableTarget").isNotFound)
        #expect(error("ResourceNotFound", status: 404, operation: "CloudWatch.DescribeAlarms").isNotFound)
        #expect(error("RepositoryNotFoundException", operation: "ECR.DescribeRepositories").isNotFound)
        #expect(error("AWS.SimpleQueueService.NonExistentQueue", operation: "SQS.GetQueueUrl").isNotFound)
        // A 404 means "not found" for S3 only; elsewhere it can be a wrong path or endpoint.
        #expect(!error("UnknownOperationException", status: 404, operation: "SageMaker.DescribeEndpoint").isNotFound)
    }

    @Test func alreadyExists() {
        #expect(error("ValidationException", "Cannot create already existing endpoint \"arn:...\".", operation: "SageMaker.CreateEndpoint").isAlreadyExists)
        #expect(error("BucketAlreadyOwnedByYou", status: 409, operation: "S3.CreateBucket").isAlreadyExists)
        #expect(error("RepositoryAlreadyExistsException", operation: "ECR.CreateRepository").isAlreadyExists)
        #expect(!error("ValidationException", "Could not find model \"x\".").isAlreadyExists)
    }

    @Test func throttlingAccessAndAuthentication() {
        #expect(error("ThrottlingException").isThrottling)
        #expect(error("SlowDown", status: 503, operation: "S3.PutObject").isThrottling)
        #expect(error("Whatever", status: 429).isThrottling)
        #expect(!error("ValidationException").isThrottling)
        #expect(error("AccessDeniedException", status: 403).isAccessDenied)
        #expect(error("AccessDenied", status: 403, operation: "S3.GetObject").isAccessDenied)
        #expect(error("AuthorizationError", status: 403, operation: "SNS.Publish").isAccessDenied)
        #expect(!error("SignatureDoesNotMatch", status: 403).isAccessDenied)
        #expect(error("SignatureDoesNotMatch", status: 403).isAuthenticationFailure)
        #expect(error("ExpiredToken", status: 400, operation: "S3.GetObject").isAuthenticationFailure)
    }

    @Test func hintsFitTheError() {
        #expect(error("ValidationException", "Could not find endpoint \"x\".").description.hasSuffix("the resource may not exist or may have been deleted."))
        #expect(error("AccessDeniedException", "no", status: 403).description.hasSuffix("for this action and resource."))
        #expect(error("SignatureDoesNotMatch", "no", status: 403).description.contains("secret key"))
        #expect(error("ValidationException", "Cannot create already existing model \"x\".").description.contains("already exists"))
    }

    @Test func serviceIsReadFromTheOperation() {
        #expect(error("X", operation: "SageMakerRuntime.InvokeEndpointAsync").service == "SageMakerRuntime")
        #expect(AWSServiceError(code: "X", message: nil, statusCode: 400).service == nil)
    }
}
