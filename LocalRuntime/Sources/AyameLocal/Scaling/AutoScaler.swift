import Foundation

/// Application Auto Scaling for async endpoints, evaluated locally: every minute (scaled) it
/// publishes each endpoint's backlog metrics to CloudWatch in the backend, reads the variant's
/// scalable target, policies and alarms from the backend, and starts or stops instances to reach
/// the capacity they ask for.
actor AutoScaler {
    /// How often metrics are published and rules evaluated, in AWS seconds.
    static let period: Double = 60
    /// AWS's default ScaleInCooldown for target tracking, in AWS seconds.
    static let defaultScaleInCooldown: Double = 300

    private let registry: HostingRegistry
    private let lifecycle: EndpointLifecycle
    private let backend: BackendClients
    private let clock: RuntimeClock
    private var lastChange: [String: Date] = [:]
    private var scaling: Set<String> = []

    init(registry: HostingRegistry, lifecycle: EndpointLifecycle, backend: BackendClients, clock: RuntimeClock) {
        self.registry = registry
        self.lifecycle = lifecycle
        self.backend = backend
        self.clock = clock
    }

    func run() async {
        while (try? await clock.sleep(awsSeconds: Self.period)) != nil {
            await evaluate()
        }
    }

    func evaluate() async {
        for record in await registry.endpoints.values where record.status == .inService {
            guard await registry.config(record.configName)?.asyncInference != nil,
                  let dispatcher = await registry.dispatcher(record.name) else { continue }
            let backlog = await dispatcher.backlog
            let fleet = await registry.fleet(record.name)
            guard let scalingBackend = try? await backend.scaling(region: record.region) else { continue }
            do {
                try await scalingBackend.publish(endpoint: record.name, metrics: ScalingDecision.metrics(backlog: backlog, instances: fleet.count))
            } catch {
                RuntimeLog.note("endpoint \(record.name): publishing metrics failed: \(error)")
            }
            for variant in record.variants {
                let key = "\(record.name)/\(variant.name)"
                guard !scaling.contains(key), let rules = try? await scalingBackend.rules(endpoint: record.name, variant: variant.name)
                else { continue }
                let current = fleet.filter { $0.variantName == variant.name }.count
                let desired = ScalingDecision.desiredCapacity(current: current, backlog: backlog, rules: rules)
                if desired < current {
                    let cooldown = rules.scaleInCooldown ?? Self.defaultScaleInCooldown
                    if let last = lastChange[key], clock.awsSecondsSince(last) < cooldown { continue }
                    if lastChange[key] == nil, clock.awsSecondsSince(record.lastModifiedTime) < cooldown { continue }
                }
                guard desired != current else { continue }
                scaling.insert(key)
                let lifecycle = self.lifecycle
                Task {
                    await lifecycle.scale(record.name, variant: variant.name, to: desired)
                    self.finished(key)
                }
            }
        }
    }

    private func finished(_ key: String) {
        scaling.remove(key)
        lastChange[key] = Date()
    }
}
