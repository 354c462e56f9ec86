import Foundation

/// How a local runtime starts; the command line of `ayame-local` maps onto it one to one.
public struct LocalRuntimeConfiguration: Sendable {
    /// The loopback port to listen on; 0 lets the kernel choose a free one.
    public var port: Int
    /// How to run each container image.
    public var images: ImageCatalog
    /// The AWS API server every other request goes to (moto); nil starts moto on a free
    /// loopback port for the runtime's lifetime.
    public var backendURL: String?
    /// Where model directories, container logs and the journal (`journal.jsonl`) go; a restart
    /// with the same directory restores what the journal holds.
    public var stateDirectory: String
    /// Every AWS duration is divided by this (60: a minute takes a second).
    public var timeScale: Double
    /// The environment the runtime takes its AWS credentials and region from (its process's).
    public var environment: [String: String]
    /// Run mapped images in a private mount namespace with the model at /opt/ml/model; nil
    /// decides by the platform (Linux, as root, with `unshare`).
    public var mountsModelAtOptML: Bool?
    /// The Python with moto's server, used when `backendURL` is nil.
    public var python: String

    /// Creates a configuration; see each property.
    public init(
        port: Int = 0, images: ImageCatalog = ImageCatalog(), backendURL: String? = nil,
        stateDirectory: String = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local").path,
        timeScale: Double = 60, environment: [String: String] = ProcessInfo.processInfo.environment,
        mountsModelAtOptML: Bool? = nil, python: String = "python3"
    ) {
        self.port = port
        self.images = images
        self.backendURL = backendURL
        self.stateDirectory = stateDirectory
        self.timeScale = timeScale
        self.environment = environment
        self.mountsModelAtOptML = mountsModelAtOptML
        self.python = python
    }
}
