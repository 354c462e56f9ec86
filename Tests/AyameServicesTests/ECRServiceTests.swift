import AyameCore
import AyameECR
import Foundation
import Testing

@Suite struct ECRServiceTests {
    @Test func repositoryAndAuthorizationToken() async throws {
        let ecr = ECRClient(runtime: try await MotoServices.runtime(.ecr))
        let name = MotoServices.uniqueName("ayame/generated")
        let created = try await ecr.createRepository(ECR.CreateRepositoryRequest(
            repositoryName: name, imageTagMutability: .immutable,
            imageScanningConfiguration: ECR.ImageScanningConfiguration(scanOnPush: true)))
        #expect(created.repository?.repositoryName == name)

        let described = try await ecr.describeRepositories(ECR.DescribeRepositoriesRequest(repositoryNames: [name]))
        #expect(described.repositories?.first?.repositoryUri == created.repository?.repositoryUri)
        #expect(described.repositories?.first?.imageTagMutability == .immutable)

        let token = try await ecr.getAuthorizationToken()
        let data = try #require(token.authorizationData?.first)
        let decoded = try #require(data.authorizationToken.flatMap { Data(base64Encoded: $0) })
        #expect(String(decoding: decoded, as: UTF8.self).hasPrefix("AWS:"))
    }
}
