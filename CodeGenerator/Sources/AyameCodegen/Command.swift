import Foundation

/// ayame-codegen: `vendor` copies botocore's models (without prose) into CodeGenerator/Models;
/// `generate` writes the Swift service modules from them.
@main
struct AyameCodegen {
static let usage = """
    usage: ayame-codegen vendor [--botocore-data DIR] [--root DIR]
           ayame-codegen generate [--root DIR] [--output DIR] [--all-operations SERVICE]...
      --root DIR            the Ayame checkout (default: the current directory)
      --botocore-data DIR   botocore's data directory (default: found through python3)
      --output DIR          where Ayame<Module>/Generated folders go (default: ROOT/Sources)
      --all-operations S    generate every operation of service S (model name, e.g. sagemaker)
    """

static func run() throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let command = arguments.first else { print(usage); exit(2) }
    arguments.removeFirst()
    var options: [String: [String]] = [:]
    while !arguments.isEmpty {
        let flag = arguments.removeFirst()
        guard flag.hasPrefix("--"), !arguments.isEmpty else { throw CodegenError("bad argument \(flag)\n\(usage)") }
        options[String(flag.dropFirst(2)), default: []].append(arguments.removeFirst())
    }
    let root = URL(fileURLWithPath: options["root"]?.last ?? FileManager.default.currentDirectoryPath)
    let generatorDirectory = root.appendingPathComponent("CodeGenerator")
    let config = try Config.load(generatorDirectory.appendingPathComponent("Config/services.json"))
    let models = generatorDirectory.appendingPathComponent("Models")
    switch command {
    case "vendor":
        try Vendor.run(botocoreData: options["botocore-data"]?.last, config: config, modelsDirectory: models)
    case "generate":
        let output = URL(fileURLWithPath: options["output"]?.last ?? root.appendingPathComponent("Sources").path)
        let version = try String(contentsOf: models.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let everything = Set(options["all-operations"] ?? [])
        for service in config.services {
            let model = try ServiceModel(
                config: service, directory: models.appendingPathComponent(service.model),
                allOperations: everything.contains(service.model))
            let files = Generator(model: model, botocoreVersion: version).files()
            let directory = output.appendingPathComponent("Ayame\(service.module)/Generated")
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: directory.appendingPathComponent(name))
            }
            print("Ayame\(service.module): \(model.operations.count) operations, \(model.reachable.count) shapes, \(files.count) files")
        }
    default:
        print(usage)
        exit(2)
    }
}

static func main() {
    do {
        try run()
    } catch {
        FileHandle.standardError.write(Data("ayame-codegen: \(error)\n".utf8))
        exit(1)
    }
}
}
