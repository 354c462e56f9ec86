import AyameCore
import AyameS3
import AyameSageMaker
import Foundation
import Testing

/// The generated paginators and waiters against moto.
@Suite struct PaginatorWaiterServiceTests {
    /// Creates a model, an endpoint configuration and the named endpoints behind it.
    static func createEndpoints(_ names: [String], on sageMaker: SageMakerClient) async throws {
        let model = MotoServices.uniqueName("pw-model")
        try await sageMaker.createModel(SageMaker.CreateModelInput(
            modelName: model,
            primaryContainer: SageMaker.ContainerDefinition(
                image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ayame:latest",
                modelDataUrl: "s3://ayame-models/model.tar.gz"),
            executionRoleArn: SageMakerServiceTests.role))
        let config = MotoServices.uniqueName("pw-config")
        try await sageMaker.createEndpointConfig(SageMaker.CreateEndpointConfigInput(
            endpointConfigName: config,
            productionVariants: [SageMaker.ProductionVariant(
                variantName: "AllTraffic", modelName: model, initialInstanceCount: 1, instanceType: .mlM5Xlarge,
                initialVariantWeight: 1)]))
        for name in names {
            try await sageMaker.createEndpoint(endpointName: name, endpointConfigName: config)
        }
    }

    @Test func listEndpointsPagesOneAtATime() async throws {
        let sageMaker = SageMakerClient(runtime: try await MotoServices.runtime(.sageMaker))
        let prefix = MotoServices.uniqueName("pw-page")
        let names = ["a", "b", "c"].map { "\(prefix)-\($0)" }
        try await Self.createEndpoints(names, on: sageMaker)
        let input = SageMaker.ListEndpointsInput(sortBy: .name, sortOrder: .ascending, nameContains: prefix)

        var pages = 0
        var paged: [String] = []
        for try await page in sageMaker.listEndpointsPaginator(input, pageSize: 1) {
            pages += 1
            #expect(page.endpoints.count <= 1)
            paged += page.endpoints.map(\.endpointName)
        }
        #expect(paged == names)
        #expect(pages >= 3)

        var items: [String] = []
        for try await endpoint in sageMaker.listEndpointsItems(input, pageSize: 1) {
            items.append(endpoint.endpointName)
        }
        #expect(items == names)
    }

    @Test func endpointWaiters() async throws {
        let sageMaker = SageMakerClient(runtime: try await MotoServices.runtime(.sageMaker))
        let name = MotoServices.uniqueName("pw-wait")
        try await Self.createEndpoints([name], on: sageMaker)

        // moto reports InService from the start, so the first attempt succeeds.
        let described = try await sageMaker.waitUntilEndpointInService(
            SageMaker.DescribeEndpointInput(endpointName: name), maximumWait: .seconds(10))
        #expect(described.endpointStatus == .inService)
        #expect(described.endpointName == name)

        try await sageMaker.deleteEndpoint(endpointName: name)
        // Success is DescribeEndpoint's ValidationException, so the waiter returns nothing.
        try await sageMaker.waitUntilEndpointDeleted(SageMaker.DescribeEndpointInput(endpointName: name), maximumWait: .seconds(10))
    }

    @Test func inServiceWaiterFailsAtOnceOnAMissingEndpoint() async throws {
        let sageMaker = SageMakerClient(runtime: try await MotoServices.runtime(.sageMaker))
        // The model's third acceptor makes ValidationException (no such endpoint) a failure state:
        // the first attempt ends the wait, long before the maximum wait or the 30 s delay.
        await #expect {
            try await sageMaker.waitUntilEndpointInService(
                SageMaker.DescribeEndpointInput(endpointName: MotoServices.uniqueName("pw-absent")), maximumWait: .seconds(5))
        } throws: { error in
            guard case AyameError.waiterFailed(let failure) = error,
                  case .failureState(let matched) = failure.reason else { return false }
            return failure.waiter == "EndpointInService" && failure.attempts == 1 && matched.contains("ValidationException")
        }
    }

    @Test func objectExistsWaiter() async throws {
        let s3 = S3Client(runtime: try await MotoServices.runtime(.s3))
        let bucket = MotoServices.uniqueName("ayame-waiter")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        let body = Data("waited for".utf8)
        try await s3.putObject(S3.PutObjectRequest(bucket: bucket, key: "ready.txt", body: body))
        let head = try await s3.waitUntilObjectExists(
            S3.HeadObjectRequest(bucket: bucket, key: "ready.txt"), maximumWait: .seconds(10))
        #expect(head.contentLength == body.count)
    }

    @Test func objectExistsWaiterTimesOutOnAMissingObject() async throws {
        let s3 = S3Client(runtime: try await MotoServices.runtime(.s3))
        let bucket = MotoServices.uniqueName("ayame-waiter")
        try await s3.createBucket(S3.CreateBucketRequest(
            bucket: bucket, createBucketConfiguration: S3.CreateBucketConfiguration(locationConstraint: .apNortheast1)))
        // 404 is a retry state; the model's 5 s delay is cut short by the maximum wait (under load the
        // first attempt may already take longer than it, so only one attempt is certain).
        await #expect {
            try await s3.waitUntilObjectExists(S3.HeadObjectRequest(bucket: bucket, key: "never"), maximumWait: .seconds(1))
        } throws: { error in
            guard case AyameError.waiterFailed(let failure) = error, case .timedOut = failure.reason else { return false }
            return failure.waiter == "ObjectExists" && failure.attempts >= 1
        }
    }
}
