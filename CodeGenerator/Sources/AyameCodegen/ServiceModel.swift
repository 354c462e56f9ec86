import Foundation

/// One service's vendored model, with the operations selected for generation and every shape
/// they reach.
struct ServiceModel {
    let config: Config.Service
    let metadata: JSON
    struct Operation {
        let name: String
        let json: JSON
    }
    let operations: [Operation]
    let shapes: [String: JSON]
    /// Shapes reached from the selected operations (inputs, outputs, errors), sorted.
    let reachable: [String]
    let ruleSet: String
    /// Paginators of the selected operations, from `paginators-1.json`, sorted by operation.
    let paginators: [(String, JSON)]
    /// Waiters on the selected operations, from `waiters-2.json`, sorted by name.
    let waiters: [(String, JSON)]

    init(config: Config.Service, directory: URL, allOperations: Bool) throws {
        self.config = config
        let model = try JSONParser.parse(Data(contentsOf: directory.appendingPathComponent("service-2.json")))
        metadata = model["metadata"] ?? .object([])
        var shapes: [String: JSON] = [:]
        for (name, shape) in model["shapes"]?.pairs ?? [] { shapes[name] = shape }
        self.shapes = shapes
        let all = (model["operations"]?.pairs ?? []).map { Operation(name: $0.0, json: $0.1) }
        if let wanted = config.operations, !allOperations {
            let missing = Set(wanted).subtracting(all.map(\.name))
            guard missing.isEmpty else { throw CodegenError("\(config.model) has no operations \(missing.sorted())") }
            operations = all.filter { wanted.contains($0.name) }.sorted { $0.name < $1.name }
        } else {
            operations = all.sorted { $0.name < $1.name }
        }
        var seen: Set<String> = []
        var stack: [String] = []
        for operation in operations.map(\.json) {
            for key in ["input", "output"] { if let name = operation[key]?["shape"]?.stringValue { stack.append(name) } }
            for error in operation["errors"]?.arrayValue ?? [] { if let name = error["shape"]?.stringValue { stack.append(name) } }
        }
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let shape = shapes[name] else { continue }
            for (_, member) in shape["members"]?.pairs ?? [] { if let target = member["shape"]?.stringValue { stack.append(target) } }
            for key in ["member", "key", "value"] { if let target = shape[key]?["shape"]?.stringValue { stack.append(target) } }
        }
        reachable = seen.sorted()
        ruleSet = try String(contentsOf: directory.appendingPathComponent("endpoint-rule-set-1.json"), encoding: .utf8)
        // Both files are optional (STS has no waiters); entries on operations not generated are dropped.
        let included = Set(operations.map(\.name))
        func load(_ file: String, _ key: String) throws -> [(String, JSON)] {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return (try JSONParser.parse(Data(contentsOf: url))[key]?.pairs ?? []).sorted { $0.0 < $1.0 }
        }
        paginators = try load("paginators-1.json", "pagination").filter { included.contains($0.0) }
        waiters = try load("waiters-2.json", "waiters").filter { included.contains($0.1["operation"]?.stringValue ?? "") }
    }

    func shape(_ name: String) -> JSON { shapes[name] ?? .object([]) }
    func type(_ name: String) -> String { shape(name)["type"]?.stringValue ?? "structure" }
}
