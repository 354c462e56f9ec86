import Foundation
import Logging

/// The STS service the credential providers use, running AssumeRole and
/// AssumeRoleWithWebIdentity through the same request pipeline as every other Ayame call:
/// endpoint rules, signing, retries and error decoding included.
public struct PipelineSTSService: STSCredentialsService {
    private let transport: any HTTPTransport
    private let profile: String?
    private let environment: AWSEnvironment
    private let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - transport: how requests reach STS.
    ///   - profile: the profile whose settings (region, `sts_regional_endpoints`, STS endpoint
    ///     URL) apply; nil for the active one.
    ///   - environment: the environment those settings are read from.
    ///   - logger: where the STS calls' request lines go, as a client's do (secrets redacted).
    public init(
        transport: any HTTPTransport, profile: String? = nil, environment: AWSEnvironment = .process,
        logger: Logger = Logger(label: "ayame")
    ) {
        self.transport = transport
        self.profile = profile
        self.environment = environment
        self.logger = logger
    }

    /// A factory for ``DefaultCredentialsChain`` that makes this service on first use.
    public static func factory(
        transport: any HTTPTransport, profile: String? = nil, environment: AWSEnvironment = .process,
        logger: Logger = Logger(label: "ayame")
    ) -> STSCredentialsServiceFactory {
        { PipelineSTSService(transport: transport, profile: profile, environment: environment, logger: logger) }
    }

    public func assumeRole(_ request: AssumeRoleRequest) async throws(AyameError) -> AWSCredentials {
        var input: [String: ShapeValue] = [
            "RoleArn": .string(request.roleARN), "RoleSessionName": .string(request.roleSessionName),
        ]
        if let duration = request.durationSeconds { input["DurationSeconds"] = .integer(duration) }
        if let externalID = request.externalID { input["ExternalId"] = .string(externalID) }
        let runtime = try runtime(region: request.region, endpointURL: request.endpointURL, credentials: request.sourceCredentials)
        let response = try await runtime.execute(STSOperations.assumeRole, input: .structure(input))
        return try Self.credentials(from: response.output, source: "STS AssumeRole \(request.roleARN)")
    }

    public func assumeRoleWithWebIdentity(_ request: AssumeRoleWithWebIdentityRequest) async throws(AyameError) -> AWSCredentials {
        var input: [String: ShapeValue] = [
            "RoleArn": .string(request.roleARN), "RoleSessionName": .string(request.roleSessionName),
            "WebIdentityToken": .string(request.webIdentityToken),
        ]
        if let duration = request.durationSeconds { input["DurationSeconds"] = .integer(duration) }
        let runtime = try runtime(region: request.region, endpointURL: request.endpointURL, credentials: nil)
        let response = try await runtime.execute(STSOperations.assumeRoleWithWebIdentity, input: .structure(input))
        return try Self.credentials(from: response.output, source: "STS AssumeRoleWithWebIdentity \(request.roleARN)")
    }

    private func runtime(region: String?, endpointURL: String?, credentials: AWSCredentials?) throws(AyameError) -> AWSClientRuntime {
        let configuration: ClientConfiguration
        do {
            configuration = try ClientConfiguration.resolve(
                service: .sts, overrides: ClientConfigurationOverrides(region: region, endpointURL: endpointURL),
                profile: profile, environment: environment)
        } catch {
            throw .configuration("\(error)")
        }
        // STS has a global endpoint; without any region the SDKs sign for us-east-1.
        let withRegion = configuration.region == nil ? configuration.withRegion("us-east-1", source: .default) : configuration
        return AWSClientRuntime(
            service: STSOperations.service, configuration: withRegion,
            credentialsProvider: StaticCredentialsProvider(
                credentials ?? AWSCredentials(accessKeyID: "anonymous", secretAccessKey: "anonymous", source: "unsigned")),
            transport: transport, codec: ProtocolCodecs.codec(for: .awsQuery),
            retryStrategy: RetryStrategies.make(for: withRegion, environment: environment), logger: logger)
    }

    private static func credentials(from output: ShapeValue, source: String) throws(AyameError) -> AWSCredentials {
        guard let credentials = output.structureMembers?["Credentials"]?.structureMembers,
              let accessKeyID = credentials["AccessKeyId"]?.stringValue,
              let secret = credentials["SecretAccessKey"]?.stringValue,
              let token = credentials["SessionToken"]?.stringValue
        else { throw .decoding("STS answered without credentials") }
        var expiration: Date?
        if case .timestamp(let date)? = credentials["Expiration"] { expiration = date }
        let account = output.structureMembers?["AssumedRoleUser"]?.structureMembers?["Arn"]?.stringValue
            .flatMap { $0.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, expiration: expiration,
            accountID: account, source: source)
    }
}
