import Foundation

/// `ayame-codegen vendor`: copies the API facts of the botocore models into
/// `CodeGenerator/Models`, without documentation prose.
enum Vendor {
    /// Keys whose values are prose, not API facts.
    static let proseKeys: Set<String> = ["documentation", "documentationUrl", "examples", "deprecatedMessage"]
    static let files = ["service-2.json", "paginators-1.json", "waiters-2.json", "endpoint-rule-set-1.json"]

    static func run(botocoreData: String?, config: Config, modelsDirectory: URL) throws {
        let (dataDirectory, version) = try botocoreData.map { ($0, try botocoreVersion(dataDirectory: $0)) } ?? locateBotocore()
        for service in config.services {
            let serviceDirectory = URL(fileURLWithPath: dataDirectory).appendingPathComponent(service.model)
            let versions = try FileManager.default.contentsOfDirectory(atPath: serviceDirectory.path).sorted()
            guard let apiVersion = versions.last else { throw CodegenError("no model versions in \(serviceDirectory.path)") }
            let source = serviceDirectory.appendingPathComponent(apiVersion)
            let destination = modelsDirectory.appendingPathComponent(service.model)
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            for file in files {
                let path = source.appendingPathComponent(file).path
                // Not every service has waiters or paginators.
                guard FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: path + ".gz") else {
                    continue
                }
                let data = try readMaybeCompressed(source.appendingPathComponent(file))
                let stripped = strip(try JSONParser.parse(data))
                try Data(JSONPrinter.print(stripped).utf8).write(to: destination.appendingPathComponent(file))
            }
        }
        try Data("\(version)\n".utf8).write(to: modelsDirectory.appendingPathComponent("VERSION"))
        print("vendored botocore \(version) models of \(config.services.count) services into \(modelsDirectory.path)")
    }

    static func strip(_ value: JSON) -> JSON {
        switch value {
        case .object(let pairs): return .object(pairs.filter { !proseKeys.contains($0.0) }.map { ($0.0, strip($0.1)) })
        case .array(let items): return .array(items.map(strip))
        default: return value
        }
    }

    /// Reads `file`, or `file.gz` through gunzip (Foundation has no gzip decoder on Linux).
    static func readMaybeCompressed(_ file: URL) throws -> Data {
        if FileManager.default.fileExists(atPath: file.path) { return try Data(contentsOf: file) }
        return try Shell.run("/usr/bin/env", ["gunzip", "-c", file.path + ".gz"])
    }

    static func locateBotocore() throws -> (String, String) {
        let output = try Shell.run("/usr/bin/env", [
            "python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__)); print(botocore.__version__)",
        ])
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count >= 2 else { throw CodegenError("python3 did not report botocore's location") }
        return (lines[0] + "/data", lines[1])
    }

    static func botocoreVersion(dataDirectory: String) throws -> String {
        let initFile = URL(fileURLWithPath: dataDirectory).deletingLastPathComponent().appendingPathComponent("__init__.py")
        let text = try String(contentsOf: initFile, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("__version__") }),
              let version = line.split(separator: "'").dropFirst().first
        else { throw CodegenError("no __version__ in \(initFile.path)") }
        return String(version)
    }
}

enum Shell {
    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CodegenError("\(arguments.first ?? executable) failed") }
        return data
    }
}

struct CodegenError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `CodeGenerator/Config/services.json`: the services, their module names, API reference paths,
/// and the operations to generate (all when absent).
struct Config {
    struct Service {
        let model: String
        let module: String
        let docPath: String
        let operations: [String]?
    }
    let services: [Service]

    static func load(_ file: URL) throws -> Config {
        let json = try JSONParser.parse(Data(contentsOf: file))
        let services = (json["services"]?.arrayValue ?? []).map { entry in
            Service(
                model: entry["model"]?.stringValue ?? "", module: entry["module"]?.stringValue ?? "",
                docPath: entry["docPath"]?.stringValue ?? "", operations: entry["operations"]?.arrayValue?.compactMap(\.stringValue))
        }
        return Config(services: services)
    }
}
