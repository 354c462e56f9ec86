import Foundation

/// How to run one container image locally: an entry of the `--images` file.
public struct ImageRecipe: Sendable, Equatable, Decodable {
    /// The program and its arguments; the runtime appends `serve`, as SageMaker does.
    public var command: [String]
    /// The directory the program starts in (the runtime's own when absent).
    public var workingDirectory: String?
    /// Variables added before the model's own `Environment`.
    public var environment: [String: String]?
    /// The port the program listens on when it ignores `SAGEMAKER_BIND_TO_PORT` and `PORT`
    /// (8080 for containers written for SageMaker); such instances run one at a time.
    public var fixedPort: Int?

    /// Creates a recipe.
    public init(command: [String], workingDirectory: String? = nil, environment: [String: String]? = nil, fixedPort: Int? = nil) {
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.fixedPort = fixedPort
    }
}

/// The images file: `{"images": {"<image URI>": {"command": [...], ...}}}`.
public struct ImageCatalog: Sendable, Equatable, Decodable {
    /// Recipes by image URI, exactly as models name them.
    public var images: [String: ImageRecipe]

    /// Creates a catalog.
    public init(images: [String: ImageRecipe] = [:]) {
        self.images = images
    }

    /// Reads and checks an images file.
    public static func load(path: String) throws -> ImageCatalog {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let catalog = try JSONDecoder().decode(ImageCatalog.self, from: data)
        for (image, recipe) in catalog.images where recipe.command.isEmpty {
            throw LocalRuntimeError.invalidImagesFile("the command of \(image) is empty")
        }
        return catalog
    }
}
