import Testing
@testable import AyameCore

@Suite struct RetryClassifierTests {
    @Test(arguments: [
        ("Throttling", 400), ("ThrottlingException", 400), ("TooManyRequestsException", 400),
        ("SlowDown", 503), ("RequestLimitExceeded", 400), ("ProvisionedThroughputExceededException", 400),
        ("BandwidthLimitExceeded", 400), ("EC2ThrottledException", 400), ("RequestThrottled", 400),
    ])
    func throttlingCodesAreThrottling(code: String, status: Int) {
        #expect(RetryClassifier.classify(AttemptFailure(kind: .response(statusCode: status, errorCode: code))) == .throttling)
    }

    @Test func status429WithoutCodeIsThrottling() {
        #expect(RetryClassifier.classify(AttemptFailure(kind: .response(statusCode: 429, errorCode: nil))) == .throttling)
    }

    @Test(arguments: [500, 502, 503, 504])
    func transientStatusesAreTransient(status: Int) {
        #expect(RetryClassifier.classify(AttemptFailure(kind: .response(statusCode: status, errorCode: "InternalFailure"))) == .transient)
    }

    @Test func requestTimeoutCodeIsTransientWhateverTheStatus() {
        #expect(RetryClassifier.classify(AttemptFailure(kind: .response(statusCode: 400, errorCode: "RequestTimeout"))) == .transient)
    }

    @Test func clientErrorsAreNotRetryable() {
        for (status, code) in [(400, "ValidationException"), (404, "NoSuchKey"), (403, "AccessDenied"), (501, "NotImplemented")] {
            #expect(RetryClassifier.classify(AttemptFailure(kind: .response(statusCode: status, errorCode: code))) == .notRetryable)
        }
    }

    @Test func brokenConnectionsAndTimeoutsAreTransient() {
        for transport in [AttemptFailure.TransportFailure.connectionFailed, .connectionReset, .timeout] {
            #expect(RetryClassifier.classify(AttemptFailure(kind: .transport(transport))) == .transient)
        }
        #expect(RetryClassifier.classify(AttemptFailure(kind: .transport(.other))) == .notRetryable)
    }

    @Test func theModelsRetryableTraitWins() {
        let modeled = AttemptFailure(kind: .response(statusCode: 400, errorCode: "CustomBusy"), modeledRetryableThrottling: true)
        #expect(RetryClassifier.classify(modeled) == .throttling)
        let transient = AttemptFailure(kind: .response(statusCode: 400, errorCode: "CustomFlaky"), modeledRetryableThrottling: false)
        #expect(RetryClassifier.classify(transient) == .transient)
    }
}
