import Foundation
import Testing
@testable import AyameCore

@Suite("Shared config and credentials files")
struct ConfigFileTests {
    @Test func configFileSectionKinds() throws {
        let file = AWSConfigFile(config: try parse("""
            [default]
            region = d
            [profile dev]
            region = dev-region
            [profile "with space"]
            region = spaced
            [profile]
            region = ignored-one-word
            [profile a b]
            region = ignored-three-words
            [plain]
            region = ignored-plain
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access
            [services local]
            sagemaker_runtime =
              endpoint_url = http://localhost:4566
            """), credentials: nil)
        #expect(Set(file.profiles.keys) == ["default", "dev", "with space"])
        #expect(file.profile(named: "dev")?["region"] == "dev-region")
        #expect(file.profile(named: "with space")?["region"] == "spaced")
        #expect(file.profile(named: "plain") == nil)
        let corp = try #require(file.ssoSession(named: "corp"))
        #expect(corp.startURL == "https://corp.awsapps.com/start")
        #expect(corp.region == "us-east-1")
        #expect(corp.registrationScopes == "sso:account:access")
        #expect(file.servicesSection(named: "local")?.settings(forServiceKey: "sagemaker_runtime")
            == ["endpoint_url": "http://localhost:4566"])
    }

    @Test func laterOfDefaultAndProfileDefaultWinsWholesale() throws {
        let file = AWSConfigFile(config: try parse("""
            [default]
            region = plain
            output = json
            [profile default]
            region = prefixed
            """), credentials: nil)
        #expect(file.profile(named: "default")?["region"] == "prefixed")
        #expect(file.profile(named: "default")?["output"] == nil)
    }

    @Test func credentialsSectionsAreBareNamesAndWinPerKey() throws {
        let config = try AWSINIDocument.parse("""
            [profile dev]
            region = eu-west-1
            aws_access_key_id = FROM_CONFIG
            """, path: "/c/config")
        let credentials = try AWSINIDocument.parse("""
            [dev]
            aws_access_key_id = FROM_CREDENTIALS
            aws_secret_access_key = secret
            [profile literal]
            aws_access_key_id = X
            [only-in-credentials]
            aws_access_key_id = Y
            """, path: "/c/credentials")
        let file = AWSConfigFile(config: config, credentials: credentials)
        let dev = try #require(file.profile(named: "dev"))
        #expect(dev.accessKeyID == "FROM_CREDENTIALS")
        #expect(dev.properties["aws_access_key_id"]?.location.path == "/c/credentials")
        #expect(dev["region"] == "eu-west-1")
        #expect(dev.properties["region"]?.location.path == "/c/config")
        #expect(dev.secretAccessKey == "secret")
        #expect(file.profile(named: "profile literal")?.accessKeyID == "X")
        #expect(file.profile(named: "literal") == nil)
        #expect(file.profile(named: "only-in-credentials")?.accessKeyID == "Y")
    }

    @Test func credentialAccessors() throws {
        let file = AWSConfigFile(config: try parse("""
            [profile all]
            aws_access_key_id = AKID
            aws_secret_access_key = SECRET
            aws_session_token = TOKEN
            role_arn = arn:aws:iam::123456789012:role/r
            source_profile = base
            credential_source = Ec2InstanceMetadata
            external_id = ext
            mfa_serial = arn:aws:iam::123456789012:mfa/u
            role_session_name = sess
            duration_seconds = 3600
            web_identity_token_file = /var/token
            sso_session = corp
            sso_start_url = https://start
            sso_region = us-east-2
            sso_account_id = 123456789012
            sso_role_name = Admin
            credential_process = /bin/creds --json
            [sso-session corp]
            sso_region = us-east-2
            """), credentials: nil)
        let profile = try #require(file.profile(named: "all"))
        #expect(profile.accessKeyID == "AKID")
        #expect(profile.secretAccessKey == "SECRET")
        #expect(profile.sessionToken == "TOKEN")
        #expect(profile.roleARN == "arn:aws:iam::123456789012:role/r")
        #expect(profile.sourceProfile == "base")
        #expect(profile.credentialSource == "Ec2InstanceMetadata")
        #expect(profile.externalID == "ext")
        #expect(profile.mfaSerial == "arn:aws:iam::123456789012:mfa/u")
        #expect(profile.roleSessionName == "sess")
        #expect(profile.durationSeconds == "3600")
        #expect(profile.webIdentityTokenFile == "/var/token")
        #expect(profile.ssoSession == "corp")
        #expect(profile.ssoStartURL == "https://start")
        #expect(profile.ssoRegion == "us-east-2")
        #expect(profile.ssoAccountID == "123456789012")
        #expect(profile.ssoRoleName == "Admin")
        #expect(profile.credentialProcess == "/bin/creds --json")
        #expect(file.ssoSession(for: profile)?.name == "corp")
    }

    @Test func profileDescriptionRedactsSecrets() throws {
        let file = AWSConfigFile(config: try parse("""
            [default]
            aws_access_key_id = AKIDVISIBLE
            aws_secret_access_key = TOPSECRETVALUE
            aws_session_token = SESSIONTOKENVALUE
            web_identity_token_file = /visible/path
            region = us-east-1
            """), credentials: nil)
        let profile = try #require(file.profile(named: "default"))
        for rendered in [
            String(describing: profile), String(reflecting: profile), "\(file)",
            { var out = ""; dump(profile, to: &out); return out }(),
        ] {
            #expect(!rendered.contains("TOPSECRETVALUE"))
            #expect(!rendered.contains("SESSIONTOKENVALUE"))
        }
        #expect(profile.description.contains("aws_secret_access_key=<redacted>"))
        #expect(profile.description.contains("region=us-east-1"))
        #expect(profile.description.contains("web_identity_token_file=/visible/path"))
    }

    @Test func environmentDescriptionHidesValues() {
        let environment = AWSEnvironment(["AWS_SECRET_ACCESS_KEY": "HIDDENVALUE"])
        #expect(!"\(environment)".contains("HIDDENVALUE"))
        var dumped = ""
        dump(environment, to: &dumped)
        #expect(!dumped.contains("HIDDENVALUE"))
    }

    @Test func missingFilesAndDirectoriesAreEmpty() throws {
        let directory = try TemporaryAWSDirectory()
        #expect(try AWSConfigFile.load(environment: directory.environment()) == .empty)
        let paths = AWSConfigFilePaths(
            configFile: directory.url.path, credentialsFile: directory.url.path + "/nope",
            environment: directory.environment())
        #expect(try AWSConfigFile.load(paths: paths) == .empty)
    }

    @Test func invalidUTF8IsReportedWithLine() throws {
        let directory = try TemporaryAWSDirectory()
        var bytes = [UInt8]("[default]\nregion = a\nbad = ".utf8)
        bytes.append(0xFF)
        try Data(bytes).write(to: URL(fileURLWithPath: directory.configPath))
        #expect(throws: AWSConfigurationError.malformedFile(
            path: directory.configPath, line: 3, reason: "the file is not valid UTF-8")
        ) {
            try AWSConfigFile.load(environment: directory.environment())
        }
    }

    @Test func malformedRealFileNamesThePath() throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("credentials", "aws_access_key_id = AKID\n")
        #expect {
            try AWSConfigFile.load(environment: directory.environment())
        } throws: { error in
            "\(error)".contains(directory.credentialsPath) && "\(error)".contains("line 1")
        }
    }

    @Test func fileLocationsComeFromEnvironmentWithExpansion() {
        let environment = AWSEnvironment(["HOME": "/home/ayame", "DIR": "/etc/aws"])
        let defaults = AWSConfigFilePaths(environment: environment)
        #expect(defaults.configFile == "/home/ayame/.aws/config")
        #expect(defaults.credentialsFile == "/home/ayame/.aws/credentials")

        let custom = AWSConfigFilePaths(environment: AWSEnvironment([
            "HOME": "/home/ayame/", "DIR": "/etc/aws",
            "AWS_CONFIG_FILE": "~/custom/config", "AWS_SHARED_CREDENTIALS_FILE": "${DIR}/creds-$MISSING",
        ]))
        #expect(custom.configFile == "/home/ayame/custom/config")
        #expect(custom.credentialsFile == "/etc/aws/creds-$MISSING")
        #expect(AWSConfigFilePaths.expand("$DIR/x", environment: environment) == "/etc/aws/x")
        #expect(AWSConfigFilePaths.expand("~", environment: environment) == "/home/ayame")
        #expect(AWSConfigFilePaths.expand("/a~b", environment: environment) == "/a~b")
    }

    @Test func sectionNameSplitterFollowsShellQuoting() {
        #expect(SectionNameSplitter.split("profile dev") == ["profile", "dev"])
        #expect(SectionNameSplitter.split("profile   'my dev'") == ["profile", "my dev"])
        #expect(SectionNameSplitter.split(#"profile "a\"b""#) == ["profile", "a\"b"])
        #expect(SectionNameSplitter.split(#"profile a\ b"#) == ["profile", "a b"])
        #expect(SectionNameSplitter.split("profile \"unterminated") == nil)
        #expect(SectionNameSplitter.split("profile \"\"") == ["profile", ""])
    }
}
