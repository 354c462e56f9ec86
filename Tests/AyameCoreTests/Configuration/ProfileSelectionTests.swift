import Testing
@testable import AyameCore

@Suite("Profile selection")
struct ProfileSelectionTests {
    static let config = """
        [default]
        region = default-region
        [profile dev]
        region = dev-region
        [profile prod]
        region = prod-region
        [plain]
        region = plain-region
        """

    @Test func order() throws {
        let directory = try TemporaryAWSDirectory()
        let cases: [(String?, [String: String], String, ConfigurationSource)] = [
            (nil, [:], "default", .default),
            (nil, ["AWS_PROFILE": "dev"], "dev", .environment(variable: "AWS_PROFILE")),
            (nil, ["AWS_DEFAULT_PROFILE": "prod"], "prod", .environment(variable: "AWS_DEFAULT_PROFILE")),
            // botocore consults AWS_DEFAULT_PROFILE before AWS_PROFILE.
            (nil, ["AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "prod"], "prod",
             .environment(variable: "AWS_DEFAULT_PROFILE")),
            ("dev", ["AWS_PROFILE": "prod", "AWS_DEFAULT_PROFILE": "prod"], "dev", .code),
            (nil, ["AWS_PROFILE": ""], "default", .default),
        ]
        for (explicit, env, name, source) in cases {
            let resolver = try directory.resolver(config: Self.config, env: env, profile: explicit)
            #expect(resolver.profileName == ResolvedSetting(name, source: source))
            #expect(resolver.region()?.value == "\(name)-region")
        }
    }

    @Test func explicitlyRequestedMissingProfileIsAnError() throws {
        let directory = try TemporaryAWSDirectory()
        #expect(throws: AWSConfigurationError.profileNotFound(name: "nope", source: .code)) {
            try directory.resolver(config: Self.config, profile: "nope")
        }
        #expect(throws: AWSConfigurationError.profileNotFound(
            name: "nope", source: .environment(variable: "AWS_PROFILE"))
        ) {
            try directory.resolver(config: Self.config, env: ["AWS_PROFILE": "nope"])
        }
        // `[plain]` is not a profile in the config file.
        #expect(throws: AWSConfigurationError.self) {
            try directory.resolver(config: Self.config, profile: "plain")
        }
        let error = AWSConfigurationError.profileNotFound(name: "nope", source: .environment(variable: "AWS_PROFILE"))
        #expect("\(error)".contains("'nope'") && "\(error)".contains("AWS_PROFILE"))
    }

    @Test func implicitDefaultMayBeAbsent() throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(config: "[profile dev]\nregion = x\n")
        #expect(resolver.profile.properties.isEmpty)
        #expect(resolver.region() == nil)
        #expect(throws: AWSConfigurationError.profileNotFound(name: "default", source: .code)) {
            try directory.resolver(profile: "default")
        }
    }

    @Test func profileOnlyInCredentialsFileExists() throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(credentials: "[ci]\naws_access_key_id = AKID\n", profile: "ci")
        #expect(resolver.profile.accessKeyID == "AKID")
    }

    @Test func ssoSessionOfActiveProfile() throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(config: """
            [profile sso]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Reader
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-central-1
            """, profile: "sso")
        #expect(resolver.ssoSession?.startURL == "https://corp.awsapps.com/start")
        #expect(resolver.ssoSession?.region == "eu-central-1")
        #expect(resolver.configFile.ssoSession(named: "other") == nil)
    }
}
