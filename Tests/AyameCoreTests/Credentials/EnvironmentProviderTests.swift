import AyameCore
import Foundation
import Testing

@Suite struct EnvironmentProviderTests {
    @Test func readsKeysTokenExpirationAndAccount() async throws {
        let provider = EnvironmentCredentialsProvider(environment: AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": Secrets.secretKey,
            "AWS_SESSION_TOKEN": Secrets.sessionToken, "AWS_CREDENTIAL_EXPIRATION": "2030-01-02T03:04:05Z",
            "AWS_ACCOUNT_ID": "123456789012",
        ]))
        let credentials = try await provider.resolveCredentials()
        #expect(credentials.accessKeyID == "AKIAENV")
        #expect(credentials.secretAccessKey == Secrets.secretKey)
        #expect(credentials.sessionToken == Secrets.sessionToken)
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_553_445))
        #expect(credentials.accountID == "123456789012")
        #expect(credentials.source == "environment")
    }

    @Test func fallsBackToTheOlderSecurityTokenVariable() async throws {
        let provider = EnvironmentCredentialsProvider(environment: AWSEnvironment([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": Secrets.secretKey,
            "AWS_SECURITY_TOKEN": Secrets.sessionToken,
        ]))
        #expect(try await provider.resolveCredentials().sessionToken == Secrets.sessionToken)
    }

    @Test func unsetOrEmptyKeyIsNotConfigured() async throws {
        for variables in [[:], ["AWS_ACCESS_KEY_ID": ""]] {
            let lookup = try await EnvironmentCredentialsProvider(environment: AWSEnvironment(variables)).lookUpCredentials()
            guard case .notConfigured(let reason) = lookup else {
                Issue.record("expected not configured")
                continue
            }
            #expect(reason == "AWS_ACCESS_KEY_ID not set")
        }
    }

    @Test func halfAKeyPairIsAnError() async throws {
        let attempts = await credentialsFailure {
            _ = try await EnvironmentCredentialsProvider(environment: AWSEnvironment(["AWS_ACCESS_KEY_ID": "AKIA"]))
                .lookUpCredentials()
        }
        #expect(attempts == ["environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"])
    }

    @Test func badExpirationIsAnError() async throws {
        let attempts = await credentialsFailure {
            _ = try await EnvironmentCredentialsProvider(environment: AWSEnvironment([
                "AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": Secrets.secretKey,
                "AWS_CREDENTIAL_EXPIRATION": "tomorrow",
            ])).lookUpCredentials()
        }
        #expect(attempts?.first?.contains("AWS_CREDENTIAL_EXPIRATION \"tomorrow\"") == true)
    }
}
