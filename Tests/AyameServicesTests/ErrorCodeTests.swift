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

    /// The constants are the codes the service descriptor keys its error shapes by.
    @Test func constantsAreTheDescriptorsErrorCodes() {
        #expect(Set(S3ErrorCode.allKnownValues.map(\.rawValue)) == Set(ServiceDescriptor.s3.errorShapes.keys))
        #expect(Set(SNSErrorCode.allKnownValues.map(\.rawValue)) == Set(ServiceDescriptor.sns.errorShapes.keys))
    }

    @Test func serviceErrorIsNilForOtherFailures() {
        #expect(AyameError.timeout("x").serviceError == nil)
        let error = AyameError.service(AWSServiceError(code: "NoSuchKey", message: nil, statusCode: 404))
        #expect(error.serviceError?.s3Code == .noSuchKey)
    }
}
