import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameECR
import AyameS3
import AyameSNS
import AyameSQS
import AyameSTS
import AyameSageMaker
import AyameSageMakerRuntime
import Foundation
import Testing

/// The model facts the generator carries into descriptors and schemas, checked without a server.
@Suite struct GeneratedDescriptorTests {
    static let services: [ServiceDescriptor] = [
        .sageMaker, .sageMakerRuntime, .applicationAutoScaling, .cloudWatch, .s3, .ecr, .sts, .sns, .sqs,
    ]

    @Test(arguments: services.map(\.serviceID.rawValue))
    func embeddedRuleSetResolvesARegionalEndpoint(serviceID: String) throws {
        let service = try #require(Self.services.first { $0.serviceID.rawValue == serviceID })
        let endpoint = try service.endpointRuleSet().resolve([:], builtIns: [.region: .string("ap-northeast-1")])
        #expect(endpoint.url.hasPrefix("https://"))
        #expect(endpoint.url.contains("ap-northeast-1") || serviceID == "STS")
    }

    @Test func everyPaginatorAndWaiterExpressionIsSupported() throws {
        let paginators = [
            ApplicationAutoScalingPaginators.all, CloudWatchPaginators.all, ECRPaginators.all, S3Paginators.all,
            SNSPaginators.all, SQSPaginators.all, SageMakerPaginators.all,
        ]
        let waiters = [CloudWatchWaiters.all, ECRWaiters.all, S3Waiters.all, SageMakerWaiters.all]
        #expect(paginators.map(\.count).reduce(0, +) == 40)
        #expect(waiters.map(\.count).reduce(0, +) == 11)
        for (name, paginator) in paginators.flatMap({ $0 }) {
            #expect(throws: Never.self, "\(name)") { try paginator.validate() }
        }
        for (name, waiter) in waiters.flatMap({ $0 }) {
            #expect(throws: Never.self, "\(name)") { try waiter.validate() }
            #expect(waiter.name == name)
        }
    }

    @Test func paginatorAndWaiterDescriptorsFollowTheModels() {
        let listObjects = S3Paginators.listObjectsV2
        #expect(listObjects.inputTokens == ["ContinuationToken"] && listObjects.limitKey == "MaxKeys")
        #expect(listObjects.resultKeys == ["Contents", "CommonPrefixes"])
        #expect(SageMakerPaginators.listEndpoints.resultKeys == ["Endpoints"])
        let inService = SageMakerWaiters.endpointInService
        #expect(inService.operation.name == "DescribeEndpoint")
        #expect(inService.delay == .seconds(30) && inService.maxAttempts == 120)
        #expect(inService.acceptors.map(\.state) == [.success, .failure, .failure])
        guard case .error("ValidationException") = SageMakerWaiters.endpointDeleted.acceptors.first?.matcher else {
            Issue.record("EndpointDeleted succeeds on ValidationException")
            return
        }
        guard case .status(404) = S3Waiters.objectExists.acceptors.last?.matcher else {
            Issue.record("ObjectExists retries on 404")
            return
        }
    }

    @Test func protocolsFollowTheModels() {
        #expect(ServiceDescriptor.cloudWatch.wireProtocol == .awsJson1_0)
        #expect(ServiceDescriptor.cloudWatch.isAWSQueryCompatible)
        #expect(ServiceDescriptor.cloudWatch.signingName == "monitoring")
        #expect(ServiceDescriptor.sqs.wireProtocol == .awsJson1_0)
        #expect(ServiceDescriptor.sqs.targetPrefix == "AmazonSQS")
        #expect(ServiceDescriptor.sts.wireProtocol == .awsQuery)
        #expect(ServiceDescriptor.sns.xmlNamespace == "http://sns.amazonaws.com/doc/2010-03-31/")
        #expect(ServiceDescriptor.s3.wireProtocol == .restXml)
        #expect(ServiceDescriptor.sageMaker.targetPrefix == "SageMaker")
        #expect(ServiceDescriptor.sageMakerRuntime.signingName == "sagemaker")
        #expect(ServiceDescriptor.applicationAutoScaling.targetPrefix == "AnyScaleFrontendService")
    }

    @Test func operationTraits() throws {
        let createBucket = S3Operations.createBucket
        #expect(createBucket.httpMethod == "PUT" && createBucket.requestURI == "/{Bucket}")
        #expect(createBucket.staticContextParameters["UseS3ExpressControlEndpoint"] == .bool(true))
        let bucket = try #require(createBucket.input?.member(named: "Bucket"))
        #expect(bucket.location == .uri("Bucket") && bucket.contextParameter == "Bucket" && bucket.isRequired)
        let configuration = try #require(createBucket.input?.payloadMember)
        #expect(configuration.xmlNamespace?.uri == "http://s3.amazonaws.com/doc/2006-03-01/")

        let putObject = S3Operations.putObject
        #expect(putObject.checksumAlgorithmMember == "ChecksumAlgorithm")
        #expect(putObject.input?.payloadMember?.target.traits.isStreaming == true)
        #expect(putObject.input?.member(named: "Metadata")?.location == .prefixHeaders("x-amz-meta-"))

        #expect(STSOperations.getCallerIdentity.resultWrapper == "GetCallerIdentityResult")
        #expect(SNSOperations.createTopic.resultWrapper == "CreateTopicResult")
        #expect(SageMakerRuntimeOperations.invokeEndpointAsync.requestURI == "/endpoints/{EndpointName}/async-invocations")
        let header = SageMakerRuntimeOperations.invokeEndpointAsync.input?.member(named: "InputLocation")?.location
        #expect(header == .header("X-Amzn-SageMaker-InputLocation"))
    }

    @Test func errorShapesAreKeyedByCode() {
        #expect(ServiceDescriptor.sqs.errorShapes["QueueDoesNotExist"] != nil)
        #expect(ServiceDescriptor.sageMaker.errorShapes["ResourceLimitExceeded"] != nil)
        #expect(ServiceDescriptor.s3.errorShapes["NoSuchBucket"] != nil)
    }

    @Test func enumsAreOpen() throws {
        let newer = SageMaker.EndpointStatus(rawValue: "Hibernating")
        #expect(!newer.isKnown)
        #expect(SageMaker.EndpointStatus.inService.isKnown)
        let type: SageMaker.ProductionVariantInstanceType = "ml.g5.xlarge"
        #expect(type == .mlG5Xlarge)
        let variant = SageMaker.ProductionVariant(variantName: "AllTraffic", instanceType: "ml.future.xlarge")
        #expect(try SageMaker.ProductionVariant(shapeValue: variant.shapeValue) == variant)
    }

    @Test func sensitiveMembersAreRedacted() {
        let credentials = STS.Credentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-value", sessionToken: "token-value", expiration: Date())
        #expect(!"\(credentials)".contains("secret-value"))
    }
}
