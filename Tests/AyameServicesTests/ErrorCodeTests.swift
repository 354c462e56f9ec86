import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameS3
import AyameSageMaker
import AyameSNS
import Testing

/// The generated `<Service>ErrorCode` types, without a server.
@Suite struct ErrorCodeTests {
    @Test func modelledCodesMatchTheirConstants() {
        let error = AWSServiceError(code: "ResourceLimitExceeded", message: "too many", statusCode: 400)
        #expect(error.sageMakerCode == .resourceLimitExceeded)
        #expect(error.sageMakerCode.isKnown)
        #expect(AWSServiceError(code: "NoSuchKey", message: nil, statusCode: 404).s3Code == .noSuchKey)
    }

    /// A code a newer service introduced is carried, not lost or mapped to a known one.
    @Test func unknownCodesStayReadable() {
        let code = AWSServiceError(code: "SomethingNewException", message: nil, statusCode: 400).s3Code
        #expect(code.rawValue == "SomethingNewException")
        #expect(!code.isKnown)
        #expect(code != .noSuchKey)
    }

    /// The constants are the codes the service descriptor keys its error shapes by, plus the
    /// common codes every service of the protocol family can answer.
    @Test func constantsAreTheModelledAndTheCommonCodes() {
        let s3Codes = Set(S3ErrorCode.allKnownValues.map(\.rawValue))
        #expect(s3Codes.isSuperset(of: ServiceDescriptor.s3.errorShapes.keys))
        #expect(s3Codes.isSuperset(of: ["AccessDenied", "SlowDown", "NotFound", "InternalError", "SignatureDoesNotMatch"]))
        let snsCodes = Set(SNSErrorCode.allKnownValues.map(\.rawValue))
        #expect(snsCodes.isSuperset(of: ServiceDescriptor.sns.errorShapes.keys))
        #expect(snsCodes.isSuperset(of: ["ThrottlingException", "AccessDeniedException", "ValidationError"]))
    }

    /// The most common SageMaker error, a `ValidationException`, has a constant although the
    /// model does not list it.
    @Test func commonCodesHaveConstants() {
        let missing = AWSServiceError(code: "ValidationException", message: "Could not find endpoint \"x\".", statusCode: 400)
        #expect(missing.sageMakerCode == .validationException)
        #expect(missing.applicationAutoScalingCode == .validationException)
        #expect(AWSServiceError(code: "ThrottlingException", message: nil, statusCode: 400).cloudWatchCode == .throttlingException)
        #expect(AWSServiceError(code: "AccessDenied", message: nil, statusCode: 403).s3Code == .accessDenied)
    }

    @Test func serviceErrorIsNilForOtherFailures() {
        #expect(AyameError.timeout("x").serviceError == nil)
        let error = AyameError.service(AWSServiceError(code: "NoSuchKey", message: nil, statusCode: 404))
        #expect(error.serviceError?.s3Code == .noSuchKey)
    }
}
