import AyameHTTP

extension AWSClientRuntime {
    /// A runtime set up the way every AWS SDK sets up a client, so a program works unchanged on
    /// a laptop, in a container, on EC2 and against moto:
    ///
    /// - configuration from code, then the environment, then the shared files
    ///   (`ClientConfiguration`), with the region falling back to EC2 instance metadata;
    /// - credentials from `credentialsProvider`, or the default chain (environment, profile,
    ///   web identity, container, instance metadata) with STS through this same pipeline,
    ///   cached and refreshed before they expire;
    /// - the retry mode and attempts the configuration names, and the retry schedule
    ///   `environment` selects;
    /// - one shared libcurl transport (honouring the configured CA bundle).
    public static func standard(
        service: ServiceDescriptor,
        overrides: ClientConfigurationOverrides = ClientConfigurationOverrides(),
        profile: String? = nil,
        credentialsProvider: (any AWSCredentialsProvider)? = nil,
        transport: (any HTTPTransport)? = nil,
        environment: AWSEnvironment = .process
    ) async throws(AyameError) -> AWSClientRuntime {
        let resolver: ConfigurationResolver
        var configuration: ClientConfiguration
        do {
            resolver = try ConfigurationResolver(profile: profile, environment: environment)
            configuration = try resolver.resolve(service: service.serviceID, overrides: overrides)
        } catch {
            throw .configuration("\(error)")
        }
        let connection: any HTTPTransport
        if let transport {
            connection = transport
        } else {
            connection = try SharedTransport.client(caBundle: configuration.caBundle?.value)
        }
        if configuration.region == nil {
            let metadata = InstanceMetadataConfiguration(configuration)
            guard !metadata.isDisabled,
                  let region = try? await InstanceMetadataClient(configuration: metadata, transport: connection).region()
            else {
                throw .configuration(
                    "no region for \(service.serviceID): set AWS_REGION, `region` in the profile, or the region in code")
            }
            configuration = configuration.withRegion(region, source: .instanceMetadata)
        }
        let credentials: any AWSCredentialsProvider
        if let given = credentialsProvider {
            credentials = given
        } else {
            credentials = try DefaultCredentialsChain(
                resolver: resolver, transport: connection,
                stsFactory: PipelineSTSService.factory(transport: connection, profile: profile, environment: environment)
            ).cached()
        }
        // The retry schedule switch is read from the same snapshot as everything else, not from
        // the process environment as it is when the runtime is started.
        return AWSClientRuntime(
            service: service, configuration: configuration, credentialsProvider: credentials, transport: connection,
            codec: ProtocolCodecs.codec(for: service.wireProtocol),
            retryStrategy: RetryStrategies.make(for: configuration, environment: environment))
    }
}

/// The process-wide HTTP clients: one per CA bundle, so connections are pooled across every
/// service client that shares a configuration.
enum SharedTransport {
    private static let clients = Mutex<[String: HTTPClient]>([:])

    static func client(caBundle: String?) throws(AyameError) -> HTTPClient {
        do {
            return try clients.withLock { (clients) throws(HTTPClientError) -> HTTPClient in
                let key = caBundle ?? ""
                if let existing = clients[key] { return existing }
                var configuration = HTTPClientConfiguration()
                if let caBundle { configuration.caBundlePath = caBundle }
                let client = try HTTPClient(configuration: configuration)
                clients[key] = client
                return client
            }
        } catch {
            throw .transport(error)
        }
    }
}

import Synchronization
