import AyameCore
import AyameSageMakerRuntime
import Foundation
import Testing

/// A modelled error read typed from a real error response: ayame-local answers a real-time
/// invocation of a failing container with SageMaker Runtime's `ModelError` (HTTP 424) and its
/// members, as SageMaker does.
@Suite(.timeLimit(.minutes(3)))
struct ModelledErrorLocalTests {
    @Test func modelErrorCarriesTheContainersStatusMessageAndLogStream() async throws {
        let endpoints = try await LocalRuntime.endpoints.value
        let runtime = try await SageMakerRuntimeClient.standard(environment: LocalRuntime.environment())
        do {
            _ = try await runtime.invokeEndpoint(endpointName: endpoints.failing, body: Data("x".utf8))
            Issue.record("the failing container's invocation succeeded")
        } catch {
            guard case .service(let serviceError) = error else { Issue.record("not a service error: \(error)"); return }
            // What AWSServiceError always carried stays as it was.
            #expect(serviceError.code == "ModelError")
            #expect(serviceError.statusCode == 424)
            #expect(serviceError.requestID?.isEmpty == false)
            #expect(serviceError.message?.contains(LocalRuntime.failureMessage) == true)

            let modelError = try #require(error.modelled(as: SageMakerRuntime.ModelError.self))
            #expect(modelError.originalStatusCode == 500)
            #expect(modelError.originalMessage == LocalRuntime.failureMessage)
            #expect(modelError.logStreamArn == "arn:aws:logs:\(LocalRuntime.region):123456789012:log-group:/aws/sagemaker/Endpoints/\(endpoints.failing)")
            #expect(modelError.message == serviceError.message)
            // Another shape's view of this error is nil, not a half-filled value.
            #expect(serviceError.modelled(as: SageMakerRuntime.ValidationError.self) == nil)
        }
    }
}
