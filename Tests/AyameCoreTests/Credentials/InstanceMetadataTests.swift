import AyameCore
import AyameHTTP
import Foundation
import Testing

/// A transport that refuses everything at once and never touches the network.
struct RefusingTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        throw .couldNotConnect(.init(url: request.url, detail: "Connection refused"))
    }
}

@Suite struct InstanceMetadataTests {
    func provider(_ endpoint: String, v1Disabled: Bool = false, disabled: Bool = false) -> InstanceMetadataCredentialsProvider {
        InstanceMetadataCredentialsProvider(client: InstanceMetadataClient(
            configuration: InstanceMetadataConfiguration(
                endpoint: endpoint, isDisabled: disabled, isV1Disabled: v1Disabled, timeout: .seconds(2), attempts: 2),
            transport: CredentialsFixture.client))
    }

    @Test func imdsV2TokenThenRoleThenCredentials() async throws {
        let scenario = try await CredentialsScenario.make([
            "imds": ["mode": "v2", "role": "app-role", "credentials": credentialsJSON(accessKey: "ASIAIMDS")]
        ])
        let credentials = try await provider(scenario.url("imds")).resolveCredentials()
        #expect(credentials.accessKeyID == "ASIAIMDS")
        #expect(credentials.source == "instance metadata (role app-role)")
        let received = try await scenario.received()
        #expect(received.map(\.method) == ["PUT", "GET", "GET"])
        #expect(received[0].header("x-aws-ec2-metadata-token-ttl-seconds") == "21600")
        #expect(received[1].path.hasSuffix("/latest/meta-data/iam/security-credentials/"))
        #expect(received[2].path.hasSuffix("/latest/meta-data/iam/security-credentials/app-role"))
        let token = try #require(received[1].header("x-aws-ec2-metadata-token"))
        #expect(received[2].header("x-aws-ec2-metadata-token") == token)
    }

    @Test(arguments: ["token403", "token404", "token405"])
    func fallsBackToIMDSv1LikeBotocore(mode: String) async throws {
        let scenario = try await CredentialsScenario.make([
            "imds": ["mode": mode, "role": "r", "credentials": credentialsJSON(accessKey: "ASIAV1")]
        ])
        #expect(try await provider(scenario.url("imds")).resolveCredentials().accessKeyID == "ASIAV1")
        let received = try await scenario.received()
        #expect(received.count == 3)
        #expect(received.dropFirst().allSatisfy { $0.header("x-aws-ec2-metadata-token") == nil })
    }

    @Test func noFallbackWhenIMDSv1IsDisabled() async throws {
        let scenario = try await CredentialsScenario.make(["imds": ["mode": "token403", "role": "r"]])
        guard case .notConfigured(let reason) = try await provider(scenario.url("imds"), v1Disabled: true).lookUpCredentials()
        else {
            Issue.record("expected not configured")
            return
        }
        #expect(reason == "no IMDSv2 session token, and IMDSv1 is disabled")
        #expect(try await scenario.received().count == 1)
    }

    @Test func badTokenRequestIsNotRetriedAsV1() async throws {
        let scenario = try await CredentialsScenario.make(["imds": ["mode": "token400"]])
        guard case .notConfigured(let reason) = try await provider(scenario.url("imds")).lookUpCredentials() else {
            Issue.record("expected not configured")
            return
        }
        #expect(reason.contains("rejected the token request (HTTP 400)"))
    }

    @Test func noRoleAttached() async throws {
        let scenario = try await CredentialsScenario.make(["imds": ["mode": "v2"]])
        guard case .notConfigured(let reason) = try await provider(scenario.url("imds")).lookUpCredentials() else {
            Issue.record("expected not configured")
            return
        }
        #expect(reason.hasPrefix("no IAM role found"))
        #expect(reason.contains("HTTP 404"))
    }

    @Test func unsuccessfulCodeDoesNotYield() async throws {
        var document = credentialsJSON()
        document["Code"] = "AssumeRoleUnauthorizedAccess"
        let scenario = try await CredentialsScenario.make(["imds": ["role": "r", "credentials": document]])
        guard case .notConfigured(let reason) = try await provider(scenario.url("imds")).lookUpCredentials() else {
            Issue.record("expected not configured")
            return
        }
        #expect(reason == "role r: IMDS reported AssumeRoleUnauthorizedAccess")
    }

    @Test func disabledAndUnreachable() async throws {
        guard case .notConfigured(let disabled) = try await provider(refusedEndpoint, disabled: true).lookUpCredentials(),
            case .notConfigured(let refused) = try await provider(refusedEndpoint).lookUpCredentials()
        else {
            Issue.record("expected not configured")
            return
        }
        #expect(disabled == "disabled by AWS_EC2_METADATA_DISABLED")
        #expect(refused.contains("could not connect to http://127.0.0.1:1/latest/api/token"))
    }

    @Test(.timeLimit(.minutes(1))) func timesOutPerConfiguration() async throws {
        // A listening socket that never answers: accept nothing, say nothing.
        let silent = try SilentListener()
        let client = InstanceMetadataClient(
            configuration: InstanceMetadataConfiguration(
                endpoint: "http://127.0.0.1:\(silent.port)", timeout: .milliseconds(300), attempts: 2),
            transport: CredentialsFixture.client)
        // Token (2 tries) then the v1 GET (2 tries): the error names the configured 300 ms, not
        // the transport's own timeouts (without it the silent socket would hold the call until the
        // time limit, which only guards against a hang).
        do {
            _ = try await client.region()
            Issue.record("expected a timeout")
        } catch {
            #expect("\(error)".contains("did not answer within 0.3 seconds"), "\(error)")
        }
    }

    @Test func regionLookup() async throws {
        let scenario = try await CredentialsScenario.make(["imds": ["region": "ap-northeast-1"]])
        let client = InstanceMetadataClient(
            configuration: InstanceMetadataConfiguration(endpoint: scenario.url("imds")), transport: CredentialsFixture.client)
        #expect(try await client.region() == "ap-northeast-1")
        let disabled = InstanceMetadataClient(
            configuration: InstanceMetadataConfiguration(isDisabled: true), transport: CredentialsFixture.client)
        do {
            _ = try await disabled.region()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("disabled by AWS_EC2_METADATA_DISABLED"))
        }
    }

    @Test func configurationFromEnvironmentAndProfile() throws {
        let profile = AWSProfile(name: "p", properties: [:])
        let fromEnvironment = try InstanceMetadataConfiguration(
            environment: AWSEnvironment([
                "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9", "AWS_EC2_METADATA_DISABLED": "TRUE",
                "AWS_METADATA_SERVICE_TIMEOUT": "3", "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "4",
                "AWS_EC2_METADATA_V1_DISABLED": "true",
            ]), profile: profile)
        #expect(fromEnvironment == InstanceMetadataConfiguration(
            endpoint: "http://127.0.0.1:9", isDisabled: true, isV1Disabled: true, timeout: .seconds(3), attempts: 4))
        let ipv6 = try InstanceMetadataConfiguration(
            environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"]), profile: nil)
        #expect(ipv6.endpoint == "http://[fd00:ec2::254]")
        #expect(throws: AyameError.self) {
            try InstanceMetadataConfiguration(environment: AWSEnvironment(["AWS_METADATA_SERVICE_TIMEOUT": "0"]), profile: nil)
        }
    }
}

/// A loopback socket that accepts connections and never answers.
final class SilentListener: Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw FixtureFailure("could not open a silent listener") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
