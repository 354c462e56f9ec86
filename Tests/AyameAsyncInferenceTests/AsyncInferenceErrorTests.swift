@testable import AyameAsyncInference
import AyameCore
import Foundation
import Testing

/// The module's one error type: what each public API declares, how request errors are
/// classified, and that the AWS error stays reachable whichever case carries it.
@Suite struct AsyncInferenceErrorTests {
    static let throttled = AyameError.service(AWSServiceError(
        code: "ThrottlingException", message: "Rate exceeded", statusCode: 400, requestID: "req-7f3a"))

    /// Compiles only while every public throwing API declares `throws(AsyncInferenceError)`.
    @Test func everyPublicAPIThrowsTheOneType() {
        let spec = SpecValidationTests.walkthrough
        let validate: () throws(AsyncInferenceError) -> Void = spec.validate
        let fromJSON: (Data) throws(AsyncInferenceError) -> AsyncEndpointSpec = AsyncEndpointSpec.init(json:)
        let location: (String) throws(AsyncInferenceError) -> S3ObjectLocation = S3ObjectLocation.init(uri:)
        let builder: (AsyncEndpointBuilder) -> () async throws(AsyncInferenceError) -> DeploymentPlan = { $0.plan }
        let teardown: (AsyncEndpointBuilder) -> () async throws(AsyncInferenceError) -> TeardownReport = { $0.teardown }
        let submit: (AsyncInferenceClient) -> (String, InferencePayload, InvocationOptions) async throws(AsyncInferenceError) -> InferenceHandle = {
            $0.submit(endpointName:payload:options:)
        }
        let result: (AsyncInferenceClient) -> (InferenceHandle, PollingPolicy) async throws(AsyncInferenceError) -> Data = {
            $0.result(for:polling:)
        }
        let shutdown: (AsyncInferenceClient) -> () async throws(AsyncInferenceError) -> Void = { $0.shutdown }
        // apply()'s events throw the same type when iterated.
        let eventFailure: DeploymentEvents.Failure.Type = AsyncInferenceError.self
        _ = (validate, fromJSON, location, builder, teardown, submit, result, shutdown, eventFailure)
        #expect(throws: Never.self) { try validate() }
    }

    @Test func aRefusedRequestKeepsTheServiceErrorReachable() {
        let error = AsyncInferenceError(request: Self.throttled)
        guard case .requestFailed(.service(let service)) = error else {
            Issue.record("expected requestFailed(.service), got \(error)")
            return
        }
        #expect(service.code == "ThrottlingException")
        #expect(error.serviceError?.code == "ThrottlingException")
        #expect(error.serviceError?.message == "Rate exceeded")
        #expect(error.serviceError?.requestID == "req-7f3a")
        #expect(error.description == Self.throttled.description)
    }

    @Test func validationBecomesAnInvalidArgumentWithTheSameMessage() {
        let failure = ValidationFailure(shape: "InvokeEndpointAsyncInput", member: "EndpointName", rule: "required")
        let error = AsyncInferenceError(request: .validation(failure))
        guard case .invalidArgument(let carried) = error else {
            Issue.record("expected invalidArgument, got \(error)")
            return
        }
        #expect(carried == failure)
        #expect(error.description == AyameError.validation(failure).description)
        #expect(error.serviceError == nil)
    }

    @Test func cancellationStaysCancellation() {
        guard case .cancelled = AsyncInferenceError(request: .cancelled) else {
            Issue.record("expected cancelled")
            return
        }
    }

    @Test func builderAndWaitCasesExposeTheirAWSError() {
        let handle = InferenceHandle(inferenceID: "i-1", inputLocation: "s3://b/in", outputLocation: "s3://b/out/i-1.out", failureLocation: nil)
        let cases: [AsyncInferenceError] = [
            .readFailed(resource: .endpoint("e"), underlying: Self.throttled),
            .teardownFailed(resource: .model("m"), underlying: Self.throttled, removed: []),
            .polling(handle: handle, underlying: Self.throttled),
            .notifications(handle: handle, underlying: Self.throttled),
        ]
        for error in cases {
            #expect(error.serviceError?.requestID == "req-7f3a", "\(error)")
        }
        #expect(AsyncInferenceError.polling(handle: handle, underlying: Self.throttled).handle == handle)
        #expect(AsyncInferenceError.missingBucket(handle: handle, bucket: "b").serviceError == nil)
    }

    @Test func invalidSpecListsEveryProblem() throws {
        var spec = SpecValidationTests.walkthrough
        spec.endpointName = ""
        spec.variants = []
        do {
            try spec.validate()
            Issue.record("an invalid spec was accepted")
        } catch {
            let fields = error.specProblems.map(\.field)
            #expect(fields.contains("endpointName") && fields.contains("variants"), "\(fields)")
            #expect(error.description.hasPrefix("The async endpoint spec is invalid; nothing was sent. Fix:\n  - endpointName: "))
        }
    }
}
