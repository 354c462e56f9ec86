import AyameApplicationAutoScaling
import AyameAsyncInference
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

/// A program's own type with a name every service models, to show it stays unambiguous.
private struct Tag: Equatable {
    let name: String
}

/// With every Ayame module and Foundation imported, the standard library's and Foundation's
/// names still mean what they mean: this file compiles only if no generated shape shadows them.
@Suite struct SwiftNamesTests {
    @Test func standardLibraryAndFoundationNamesAreUnshadowed() throws {
        let range: Range<Int> = 0..<3
        let identifier = ObjectIdentifier(NSObject.self)
        let progress = Progress(totalUnitCount: 10)
        let data = Data([1, 2, 3])
        let date = Date(timeIntervalSince1970: 0)
        let url = try #require(URL(string: "https://example.com"))
        let result: Result<Int, any Error> = .success(1)
        let tag = Tag(name: "mine")
        #expect(range.count == 3)
        #expect(identifier == ObjectIdentifier(NSObject.self))
        #expect(progress.totalUnitCount == 10)
        #expect(data.count == 3 && date.timeIntervalSince1970 == 0 && url.host == "example.com")
        #expect(try result.get() == 1)
        #expect(tag == Tag(name: "mine"))
    }

    @Test func serviceShapesAreReachedThroughTheirNamespace() {
        let sageMakerTag = SageMaker.Tag(key: "team", value: "iris")
        let s3Tag = S3.Tag(key: "team", value: "iris")
        let ecrTag = ECR.Tag(key: "team", value: "iris")
        let metric = CloudWatch.Metric(namespace: "AWS/SageMaker", metricName: "ApproximateBacklogSize")
        let dimension = CloudWatch.Dimension(name: "EndpointName", value: "iris")
        let objectIdentifier = S3.ObjectIdentifier(key: "model.tar.gz")
        let s3Range = S3.GetObjectRequest(bucket: "b", key: "k", range: "bytes=0-9")
        #expect(sageMakerTag.key == s3Tag.key && ecrTag.value == "iris")
        #expect(metric.metricName == "ApproximateBacklogSize" && dimension.name == "EndpointName")
        #expect(objectIdentifier.key == "model.tar.gz" && s3Range.range == "bytes=0-9")
    }

    @Test func shapesAreNestedInTheirServicesNamespace() {
        #expect(String(reflecting: S3.Tag.self) == "AyameS3.S3.Tag")
        #expect(String(reflecting: SageMaker.ProductionVariant.self) == "AyameSageMaker.SageMaker.ProductionVariant")
        #expect(String(reflecting: CloudWatch.Dimension.self) == "AyameCloudWatch.CloudWatch.Dimension")
    }
}
