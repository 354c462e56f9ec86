import AyameCore
import Foundation
import Testing

/// S3's `200 OK` with an `<Error>` body (CopyObject, UploadPartCopy, CompleteMultipartUpload) is
/// the retryable 500 it stands for, as in the AWS SDKs.
@Suite struct S3ErrorInSuccessTests {
    static let s3 = ServiceDescriptor(
        serviceID: .s3, signingName: "s3", apiVersion: "2006-03-01", wireProtocol: .restXml,
        endpointRuleSet: { try PipelineTestService.parsedRuleSet.get() })
    static let result = ShapeSchema(name: "CopyObjectResult", kind: .structure, members: [MemberSchema("ETag", target: { ShapeSchema.Simple.string })])
    static func operation(_ name: String) -> OperationDescriptor {
        OperationDescriptor(
            name: name, httpMethod: "PUT", requestURI: "/copy",
            output: ShapeSchema(name: "\(name)Output", kind: .structure,
                                members: [MemberSchema("CopyObjectResult", target: { result })], traits: ShapeTraits(payload: "CopyObjectResult")))
    }
    static var internalError: [String: Any] { [
        "status": 200,
        "body": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>r1</RequestId></Error>",
    ] }
    static var copied: [String: Any] { ["status": 200, "body": "<CopyObjectResult><ETag>\"e1\"</ETag></CopyObjectResult>"] }

    @Test func anErrorInA200IsRetriedThenTheCopySucceeds() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.internalError, Self.copied])
        let response = try await scenario.runtime(wireProtocol: .restXml, service: Self.s3).execute(Self.operation("CopyObject"), input: nil)
        #expect(response.attempts == 2)
        #expect(response.output == .structure(["CopyObjectResult": .structure(["ETag": .string("\"e1\"")])]))
    }

    @Test func anErrorInEvery200EndsAsThe500ItStandsFor() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.internalError, Self.internalError, Self.internalError])
        await #expect {
            try await scenario.runtime(wireProtocol: .restXml, service: Self.s3).execute(Self.operation("CompleteMultipartUpload"), input: nil)
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "InternalError" && service.statusCode == 500 && service.message?.hasPrefix("We encountered") == true
        }
        #expect(try await scenario.received().count == 3)
    }

    @Test func otherOperationsTakeA200AsItIs() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.internalError])
        let response = try await scenario.runtime(wireProtocol: .restXml, service: Self.s3).execute(Self.operation("PutObject"), input: nil)
        #expect(response.attempts == 1)
    }
}
