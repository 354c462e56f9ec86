import Foundation
import Testing
@testable import AyameCore

/// SageMaker Runtime (restJson1) exchanges of `Tests/TestData/wire`.
@Suite struct RuntimeWireTests {
    let codec = RESTJSONCodec()

    @Test func invokeEndpointAsync() throws {
        let operation = SageMakerRuntimeModels.invokeEndpointAsync
        let wire = try Wire.checkRequest(
            "34_sagemakerruntime_InvokeEndpointAsync.http", codec: codec, operation: operation, service: SageMakerRuntimeModels.service,
            input: structure([
                "EndpointName": string("async-inference-demo-endpoint"),
                "InputLocation": string("s3://sagemaker-tutorial-123456789012/input/input_data.json"),
                "ContentType": string("application/json"),
            ]), body: .empty
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerRuntimeModels.service)
        #expect(output["InferenceId"] == string("00b54f33-768f-4e1b-aaa6-57eaa8a9782b"))
        #expect(output["OutputLocation"] == string("s3://sagemaker-output-ae61a97c-9d63-486f-8906-3f1002a69b69/response.json"))
        #expect(output["FailureLocation"] == string("s3://sagemaker-output-ae61a97c-9d63-486f-8906-3f1002a69b69/failure.json"))
    }

    @Test func invokeEndpointAsyncWithEveryHeader() throws {
        let operation = SageMakerRuntimeModels.invokeEndpointAsync
        let wire = try Wire.checkRequest(
            "35_sagemakerruntime_InvokeEndpointAsync_with_InferenceId.http", codec: codec, operation: operation,
            service: SageMakerRuntimeModels.service,
            input: structure([
                "EndpointName": string("async-inference-demo-endpoint"),
                "InputLocation": string("s3://sagemaker-tutorial-123456789012/input/input_data2.json"),
                "ContentType": string("application/json"), "Accept": string("application/json"),
                "InferenceId": string("demo-inference-0001"),
                "RequestTTLSeconds": .integer(3600), "InvocationTimeoutSeconds": .integer(600),
            ]), body: .empty
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerRuntimeModels.service)
        #expect(output["InferenceId"] == string("demo-inference-0001"))
        let request = try codec.encodeRequest(
            structure(["EndpointName": string("e"), "InputLocation": string("s3://b/k"), "RequestTTLSeconds": .integer(3600)]),
            operation: operation, service: SageMakerRuntimeModels.service
        )
        #expect(request.headers == [
            HTTPHeaderField("X-Amzn-SageMaker-InputLocation", "s3://b/k"),
            HTTPHeaderField("X-Amzn-SageMaker-RequestTTLSeconds", "3600"),
        ])
    }

    @Test func invokeEndpointSendsTheBlobAsTheBody() throws {
        let operation = SageMakerRuntimeModels.invokeEndpoint
        let payload = try #require(WireFile.load("36_sagemakerruntime_InvokeEndpoint_sync.http").request?.body)
        let wire = try Wire.checkRequest(
            "36_sagemakerruntime_InvokeEndpoint_sync.http", codec: codec, operation: operation, service: SageMakerRuntimeModels.service,
            input: structure([
                "EndpointName": string("async-inference-demo-endpoint"), "Body": .blob(Data(payload)),
                "ContentType": string("application/json"),
            ]), body: .exact
        )
        let output = try Wire.decodeResponse(wire, codec: codec, operation: operation, service: SageMakerRuntimeModels.service)
        #expect(output["Body"] == .blob(Data("body".utf8)))
        #expect(output["ContentType"] == string("content_type"))
        #expect(output["InvokedProductionVariant"] == string("invoked_production_variant"))
        #expect(output["CustomAttributes"] == string("custom_attributes"))
    }
}
