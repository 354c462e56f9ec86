import AyameCore
import AyameHTTP
import AyameSigV4
import Foundation

/// A running local SageMaker hosting runtime: one loopback endpoint URL that serves the
/// SageMaker hosting control plane and SageMaker Runtime itself and forwards every other AWS
/// request to the backend.
///
/// ```swift
/// let runtime = try await LocalRuntime.start(LocalRuntimeConfiguration(images: catalog))
/// // AWS_ENDPOINT_URL=runtime.endpointURL for every client
/// await runtime.shutdown()
/// ```
public final class LocalRuntime: Sendable {
    /// The port the runtime listens on (127.0.0.1).
    public let port: Int
    /// The backend the runtime forwards to.
    public let backendURL: String
    /// Where model directories, container logs and the journal (`journal.jsonl`) go; a restart
    /// with the same directory restores what the journal holds.
    public let stateDirectory: String

    private let frontDoor: FrontDoor
    private let serving: Task<Void, Never>
    private let scaling: Task<Void, Never>
    private let registry: HostingRegistry
    private let moto: MotoBackend?
    private let clients: [HTTPClient]
    private let journal: StateJournal

    /// The PID of the moto the runtime started itself (nil when a backend was given).
    public var startedBackendProcessIdentifier: Int32? { moto?.process.processIdentifier }

    /// `http://127.0.0.1:PORT`: what `AWS_ENDPOINT_URL` should be set to.
    public var endpointURL: String { "http://127.0.0.1:\(port)" }

    private init(
        port: Int, backendURL: String, stateDirectory: String, frontDoor: FrontDoor, serving: Task<Void, Never>,
        scaling: Task<Void, Never>, registry: HostingRegistry, moto: MotoBackend?, clients: [HTTPClient], journal: StateJournal
    ) {
        self.port = port
        self.backendURL = backendURL
        self.stateDirectory = stateDirectory
        self.frontDoor = frontDoor
        self.serving = serving
        self.scaling = scaling
        self.registry = registry
        self.moto = moto
        self.clients = clients
        self.journal = journal
    }

    /// Starts the backend when none is given, binds the port and begins serving.
    public static func start(_ configuration: LocalRuntimeConfiguration) async throws -> LocalRuntime {
        var settings = HTTPClientConfiguration()
        settings.httpVersion = .http1_1
        settings.maxConnections = 512
        let backendClient = try HTTPClient(configuration: settings)
        var containerSettings = settings
        containerSettings.maxConnectionsPerHost = nil
        let containerClient = try HTTPClient(configuration: containerSettings)
        var pingSettings = settings
        pingSettings.attemptTimeout = .seconds(2)
        pingSettings.connectTimeout = .seconds(1)
        let pingClient = try HTTPClient(configuration: pingSettings)

        try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        // What a previous run of this state directory left: containers a killed runtime could not
        // stop are stopped first (their ports and requests would otherwise linger), then the
        // journal is rewritten to just the state to restore, and this run appends to it.
        let recovered = try await StateJournal.replay(stateDirectory: configuration.stateDirectory)
        await StaleContainers.stop(recovered.containersMaybeRunning)
        let journal = try await StateJournal.rewrite(stateDirectory: configuration.stateDirectory, with: recovered.compactedRecords)
        var moto: MotoBackend?
        let backendURL: String
        if let given = configuration.backendURL {
            backendURL = given.hasSuffix("/") ? String(given.dropLast()) : given
        } else {
            let started = try await MotoBackend.start(
                python: configuration.python, environment: configuration.environment, client: backendClient,
                logPath: "\(configuration.stateDirectory)/moto.log")
            moto = started
            backendURL = started.url
        }

        let environment = configuration.environment
        let credentials: SigV4Credentials
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !key.isEmpty, !secret.isEmpty {
            credentials = SigV4Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        } else {
            // No key of its own: every signature is judged by the backend.
            credentials = SigV4Credentials(accessKeyId: "", secretAccessKey: "")
        }
        let clock = RuntimeClock(scale: configuration.timeScale)
        let backend = BackendClients(endpointURL: backendURL, environment: AWSEnvironment(environment))
        let forwarder = BackendForwarder(baseURL: backendURL, client: backendClient)
        let authenticator = RequestAuthenticator(verifier: SignatureVerifier(credentials: credentials), forwarder: forwarder)
        let registry = HostingRegistry()
        let worker = InvocationWorker(backend: backend, containerClient: containerClient, clock: clock, journal: journal)
        var isolates = configuration.mountsModelAtOptML ?? Self.canMountModelDirectory()
        // Root without CAP_SYS_ADMIN (an unprivileged container) has unshare but may not use it.
        if isolates, configuration.mountsModelAtOptML == nil {
            isolates = (try? await ChildProcess.run(["unshare", "--mount", "--propagation", "private", "true"]))?.status == 0
        }
        let provisioner = InstanceProvisioner(
            catalog: configuration.images, stateDirectory: configuration.stateDirectory, backend: backend, pingClient: pingClient,
            clock: clock, leases: PortLeases(), isolates: isolates, docker: DockerProbe(), journal: journal)
        let lifecycle = EndpointLifecycle(registry: registry, provisioner: provisioner, worker: worker, clock: clock, journal: journal)
        let activities = ScalingActivityLog()
        let router = RequestRouter(
            hosting: HostingOperations(registry: registry, lifecycle: lifecycle, authenticator: authenticator, forwarder: forwarder, journal: journal,
                                        autoscaledVariants: AutoscaledVariantGuard(backend: backend)),
            runtime: RuntimeOperations(registry: registry, authenticator: authenticator, containerClient: containerClient, journal: journal),
            scalingActivities: ScalingActivityOperations(activities: activities, authenticator: authenticator, forwarder: forwarder),
            forwarder: forwarder)

        let frontDoor: FrontDoor
        do {
            frontDoor = try await FrontDoor.bind(port: configuration.port)
        } catch {
            if let moto { await moto.process.stop() }
            await journal.closeFile()
            throw error
        }
        // Bound but not yet serving: recovered requests are queued before any new one arrives.
        await RuntimeRecovery(registry: registry, lifecycle: lifecycle, worker: worker, backend: backend).restore(recovered)
        let serving = Task { await frontDoor.serve { await router.route($0) } }
        let scaler = AutoScaler(registry: registry, lifecycle: lifecycle, backend: backend, clock: clock, activities: activities,
            timeline: ScalingTimeline(stateDirectory: configuration.stateDirectory))
        let scaling = Task { await scaler.run() }
        return LocalRuntime(
            port: frontDoor.port, backendURL: backendURL, stateDirectory: configuration.stateDirectory, frontDoor: frontDoor,
            serving: serving, scaling: scaling, registry: registry, moto: moto, clients: [backendClient, containerClient, pingClient],
            journal: journal)
    }

    /// Stops listening, stops every container the runtime started and the moto it started.
    public func shutdown() async {
        await frontDoor.close()
        serving.cancel()
        scaling.cancel()
        await scaling.value
        let instances = await registry.takeAllFleets()
        await withTaskGroup(of: Void.self) { group in
            for instance in instances { group.addTask { await instance.stop() } }
        }
        await journal.closeFile()
        if let moto { await moto.process.stop() }
        for client in clients { await client.shutdown() }
    }

    /// The PIDs of every running container, for tests that check shutdown stops them.
    func containerProcessIdentifiers() async -> [Int32] {
        var identifiers: [Int32] = []
        for name in await registry.endpoints.keys {
            identifiers += await registry.fleet(name).map(\.process.processIdentifier)
        }
        return identifiers
    }

    /// Linux, root and `unshare` present: the conditions for binding the model at /opt/ml/model.
    static func canMountModelDirectory() -> Bool {
        #if os(Linux)
        return geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
        #else
        return false
        #endif
    }
}
