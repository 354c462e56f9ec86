import Foundation

/// Everything the control plane knows: models, configurations, endpoints with their running
/// fleets and queues. One actor, so every transition is atomic with respect to readers.
actor HostingRegistry {
    private(set) var models: [String: ModelRecord] = [:]
    private(set) var configs: [String: EndpointConfigRecord] = [:]
    private(set) var endpoints: [String: EndpointRecord] = [:]
    private var fleets: [String: [ContainerInstance]] = [:]
    private var dispatchers: [String: InvocationDispatcher] = [:]
    private var transitions: [String: Task<Void, Never>] = [:]

    func putModel(_ model: ModelRecord) { models[model.name] = model }
    func removeModel(_ name: String) { models[name] = nil }
    func putConfig(_ config: EndpointConfigRecord) { configs[config.name] = config }
    func removeConfig(_ name: String) { configs[name] = nil }
    func model(_ name: String) -> ModelRecord? { models[name] }
    func config(_ name: String) -> EndpointConfigRecord? { configs[name] }
    func endpoint(_ name: String) -> EndpointRecord? { endpoints[name] }
    func dispatcher(_ name: String) -> InvocationDispatcher? { dispatchers[name] }
    func fleet(_ name: String) -> [ContainerInstance] { fleets[name] ?? [] }

    func putEndpoint(_ record: EndpointRecord) { endpoints[record.name] = record }

    /// Applies `change` to the endpoint's record and stamps LastModifiedTime.
    func updateEndpoint(_ name: String, _ change: @Sendable (inout EndpointRecord) -> Void) {
        guard var record = endpoints[name] else { return }
        change(&record)
        record.lastModifiedTime = Date()
        endpoints[name] = record
    }

    /// Installs a fleet and returns the one it replaces.
    func replaceFleet(_ name: String, with instances: [ContainerInstance], dispatcher: InvocationDispatcher) -> [ContainerInstance] {
        let previous = fleets[name] ?? []
        fleets[name] = instances
        dispatchers[name] = dispatcher
        return previous
    }

    func addToFleet(_ name: String, _ instances: [ContainerInstance]) {
        guard fleets[name] != nil else { return }
        fleets[name]? += instances
    }

    func removeFromFleet(_ name: String, _ instances: [ContainerInstance]) {
        fleets[name]?.removeAll { instance in instances.contains { $0 === instance } }
    }

    /// Forgets the endpoint's fleet and queue and returns the instances to stop.
    func takeFleet(_ name: String) -> [ContainerInstance] {
        dispatchers[name] = nil
        return fleets.removeValue(forKey: name) ?? []
    }

    func forgetEndpoint(_ name: String) {
        endpoints[name] = nil
        transitions[name] = nil
    }

    func setTransition(_ name: String, _ task: Task<Void, Never>?) {
        transitions[name] = task
    }

    func transition(_ name: String) -> Task<Void, Never>? { transitions[name] }

    /// Every instance of every endpoint, for shutdown.
    func takeAllFleets() -> [ContainerInstance] {
        for task in transitions.values { task.cancel() }
        let all = fleets.values.flatMap { $0 }
        fleets = [:]
        dispatchers = [:]
        return all
    }
}
