import AyameCore
import AyameSageMaker
import AyameSageMakerRuntime
import Foundation
import Testing

@Suite struct SageMakerServiceTests {
    static let role = "arn:aws:iam::123456789012:role/ayame-sagemaker"

    @Test func asyncEndpointWalkthrough() async throws {
        let sageMaker = SageMakerClient(runtime: try await MotoServices.runtime(.sageMaker))
        let model = MotoServices.uniqueName("model")
        let created = try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: model,
            primaryContainer: SageMaker.ContainerDefinition(
                image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ayame:latest",
                modelDataUrl: "s3://ayame-models/model.tar.gz", environment: ["MODE": "async"]),
            executionRoleArn: Self.role))
        #expect(created.modelArn.hasSuffix("model/\(model)"))

        let asyncConfig = SageMaker.AsyncInferenceConfig(
            outputConfig: SageMaker.AsyncInferenceOutputConfig(
                s3OutputPath: "s3://ayame-out/success",
                notificationConfig: SageMaker.AsyncInferenceNotificationConfig(
                    successTopic: "arn:aws:sns:ap-northeast-1:123456789012:ok",
                    errorTopic: "arn:aws:sns:ap-northeast-1:123456789012:ng"),
                s3FailurePath: "s3://ayame-out/failure"),
            clientConfig: SageMaker.AsyncInferenceClientConfig(maxConcurrentInvocationsPerInstance: 4))
        let config = MotoServices.uniqueName("config")
        _ = try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: config,
            productionVariants: [SageMaker.ProductionVariant(
                variantName: "AllTraffic", modelName: model, initialInstanceCount: 1, instanceType: .mlM5Xlarge,
                initialVariantWeight: 1)],
            // moto echoes a partial DataCaptureConfig when none is given; a complete one decodes.
            dataCaptureConfig: SageMaker.DataCaptureConfig(
                initialSamplingPercentage: 10,
                destinationS3Uri: "s3://ayame-out/capture",
                captureOptions: [SageMaker.CaptureOption(captureMode: .input)],
                enableCapture: false),
            asyncInferenceConfig: asyncConfig))

        let describedConfig = try await sageMaker.describeEndpointConfig(endpointConfigName: config)
        #expect(describedConfig.asyncInferenceConfig == asyncConfig)
        #expect(describedConfig.productionVariants.first?.instanceType == .mlM5Xlarge)

        let endpoint = MotoServices.uniqueName("endpoint")
        let createdEndpoint = try await sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: config)
        #expect(createdEndpoint.endpointArn.hasSuffix("endpoint/\(endpoint)"))

        // moto's DescribeEndpoint leaves out members the model requires (in DataCaptureConfig);
        // client error correction fills them with zero values, so the typed output decodes.
        let described = try await sageMaker.describeEndpoint(endpointName: endpoint)
        #expect(described.endpointConfigName == config)
        #expect(described.endpointStatus == .inService)

        let listed = try await sageMaker.listEndpoints(SageMaker.ListEndpointsInput(nameContains: endpoint))
        #expect(listed.endpoints.map(\.endpointName).contains(endpoint))

        let runtime = SageMakerRuntimeClient(runtime: try await MotoServices.runtime(.sageMakerRuntime))
        let invoked = try await runtime.invokeEndpointAsync(SageMakerRuntime.InvokeEndpointAsyncInput(
            endpointName: endpoint,
            inputLocation: "s3://ayame-in/request.json",
            contentType: "application/json"))
        #expect(invoked.outputLocation?.hasPrefix("s3://") == true)
    }

    @Test("typed calls from a task preferring the runtime's task executor answer as from the pool")
    func callsOnTheEngineExecutor() async throws {
        let sageMaker = SageMakerClient(runtime: try await MotoServices.runtime(.sageMaker))
        let executor = try #require(sageMaker.runtime.taskExecutor, "the standard transport has an engine thread")
        let model = MotoServices.uniqueName("model")
        _ = try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: model,
            primaryContainer: SageMaker.ContainerDefinition(image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ayame:latest"),
            executionRoleArn: Self.role))
        let fromPool = try await sageMaker.describeModel(modelName: model)
        let (fromEngine, missing) = try await withTaskExecutorPreference(executor) { () async throws -> (SageMaker.DescribeModelOutput, (any Error)?) in
            let described = try await sageMaker.describeModel(modelName: model)
            do {
                _ = try await sageMaker.describeEndpoint(endpointName: MotoServices.uniqueName("missing"))
                return (described, nil)
            } catch {
                return (described, error)
            }
        }
        #expect(fromEngine == fromPool)
        guard case AyameError.service(let failure)? = missing else {
            Issue.record("describing a missing endpoint gave \(String(describing: missing))")
            return
        }
        #expect(failure.code == "ValidationException")
    }

    @Test func invalidInputFailsBeforeSending() async throws {
        let sageMaker = SageMakerClient(runtime: try await MotoServices.runtime(.sageMaker))
        await #expect {
            _ = try await sageMaker.createEndpoint(SageMaker.CreateEndpointInput(
                endpointName: "ayame-validation", endpointConfigName: "config", tags: [SageMaker.Tag(key: "", value: "v")]))
        } throws: { error in
            guard case AyameError.validation(let failure) = error else { return false }
            return "\(failure)".contains("Tags[0].Key") && "\(failure)".contains("length >= 1")
        }
        // A maximum is the service's to enforce, as botocore leaves it: a 64-character name
        // (the model says 63) goes out, and the answer is the service's.
        await #expect {
            _ = try await sageMaker.createEndpoint(
                endpointName: String(repeating: "e", count: 64), endpointConfigName: "config")
        } throws: { error in
            guard case AyameError.service = error else { return false }
            return true
        }
        await #expect {
            // Minimum values are checked as botocore checks them (model patterns are not: the
            // service judges those).
            _ = try await sageMaker.listEndpoints(SageMaker.ListEndpointsInput(maxResults: 0))
        } throws: { error in
            guard case AyameError.validation(let failure) = error else { return false }
            return "\(failure)".contains("MaxResults")
        }
    }
}
