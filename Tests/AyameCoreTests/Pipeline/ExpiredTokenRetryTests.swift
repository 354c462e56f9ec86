import AyameCore
import AyameHTTP
import Foundation
import Testing

/// An expired-token answer makes the client forget its cached credentials and retry once.
@Suite struct ExpiredTokenRetryTests {
    static func expired(_ code: String) -> [String: Any] {
        ["status": 400, "body": #"{"__type": "\#(code)", "message": "The security token included in the request is expired"}"#]
    }

    static func provider() -> (CountingProvider, CachingCredentialsProvider) {
        let far = Date().addingTimeInterval(6 * 3600)
        let base = CountingProvider(delay: .zero, [
            .success(AWSCredentials(accessKeyID: "ASIAFIRST", secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken, expiration: far)),
            .success(AWSCredentials(accessKeyID: "ASIASECOND", secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken, expiration: far)),
        ])
        return (base, CachingCredentialsProvider(wrapping: base))
    }

    @Test(arguments: ["ExpiredToken", "ExpiredTokenException", "RequestExpired"])
    func anExpiredTokenInvalidatesTheCacheAndRetriesWithFreshCredentials(code: String) async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.expired(code), ["status": 200, "body": #"{"ok": true}"#]])
        let (base, cache) = Self.provider()
        let response = try await scenario.runtime(credentialsProvider: cache).execute(PipelineTestService.operation, input: nil)
        #expect(response.attempts == 2)
        #expect(base.count == 2)
        let keys = try await scenario.received().map { $0.header("Authorization")?.contains("Credential=ASIAFIRST/") == true }
        #expect(keys == [true, false])
        #expect(try await scenario.received().last?.header("Authorization")?.contains("Credential=ASIASECOND/") == true)
    }

    @Test func anExpiredTokenIsRetriedOnlyOnce() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.expired("ExpiredToken"), Self.expired("ExpiredToken"), ["status": 200, "body": "{}"]])
        let (base, cache) = Self.provider()
        await #expect {
            try await scenario.runtime(credentialsProvider: cache).execute(PipelineTestService.operation, input: nil)
        } throws: { error in
            guard case AyameError.service(let service) = error else { return false }
            return service.code == "ExpiredToken"
        }
        #expect(try await scenario.received().count == 2)
        #expect(base.count == 2)
    }

    @Test func otherAuthenticationFailuresAreNotRetried() async throws {
        let scenario = try await FaultScenario.make()
        try await scenario.queue([Self.expired("InvalidClientTokenId"), ["status": 200, "body": "{}"]])
        let (base, cache) = Self.provider()
        await #expect(throws: AyameError.self) {
            try await scenario.runtime(credentialsProvider: cache).execute(PipelineTestService.operation, input: nil)
        }
        #expect(try await scenario.received().count == 1)
        #expect(base.count == 1)
    }
}
