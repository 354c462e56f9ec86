import Foundation

/// Application Auto Scaling and CloudWatch alarms for async endpoints, evaluated locally. Every
/// minute (scaled) it publishes each endpoint's metrics, evaluates the CloudWatch alarms on them
/// and writes their state back to the backend, runs the step-scaling policies their actions name
/// and the target-tracking policies of each variant, and changes instance counts accordingly —
/// each change a scaling activity.
actor AutoScaler {
    /// How often metrics are published and rules evaluated, in AWS seconds (SageMaker's 1-minute metrics).
    static let period: Double = 60
    /// Application Auto Scaling's default cooldown for SageMaker variants, in AWS seconds.
    static let defaultCooldown = 300

    private struct LastAction {
        var time: Double
        var from: Int
        var to: Int
    }

    private let registry: HostingRegistry
    private let lifecycle: EndpointLifecycle
    private let backend: BackendClients
    private let clock: RuntimeClock
    let activities: ScalingActivityLog
    private let timeline: ScalingTimeline?
    private var history = MetricHistory()
    private var tick = 0
    /// Variants (resource ids) with a capacity change under way: the endpoint is Updating.
    private var scaling: Set<String> = []
    /// The states of the target-tracking alarms the runtime keeps for AWS.
    private var trackingStates: [String: AlarmState] = [:]
    private var lastActions: [String: LastAction] = [:]
    /// Configuration problems already logged (each once).
    private var reported: Set<String> = []

    /// What one evaluation saw and did per endpoint, for the timeline.
    private var backlogs: [String: Int] = [:]
    private var alarmStates: [String: [String: String]] = [:]
    private var actionsTaken: [String: [String]] = [:]

    init(
        registry: HostingRegistry, lifecycle: EndpointLifecycle, backend: BackendClients, clock: RuntimeClock,
        activities: ScalingActivityLog, timeline: ScalingTimeline?
    ) {
        self.timeline = timeline
        self.registry = registry
        self.lifecycle = lifecycle
        self.backend = backend
        self.clock = clock
        self.activities = activities
    }

    func run() async {
        while (try? await clock.sleep(awsSeconds: Self.period)) != nil {
            tick += 1
            await evaluate(at: Double(tick) * Self.period)
        }
    }

    /// One evaluation at `now` AWS seconds since the runtime started.
    func evaluate(at now: Double) async {
        var byRegion: [String: [EndpointRecord]] = [:]
        for record in await registry.endpoints.values where record.status == .inService || record.status == .updating {
            guard await registry.config(record.configName)?.asyncInference != nil, await registry.dispatcher(record.name) != nil else { continue }
            byRegion[record.region, default: []].append(record)
        }
        for (region, records) in byRegion {
            do {
                let scalingBackend = try await backend.scaling(region: region)
                await evaluate(records, backend: scalingBackend, at: now)
            } catch {
                report("backend clients for \(region): \(error)")
            }
        }
    }

    private func evaluate(_ records: [EndpointRecord], backend: ScalingBackend, at now: Double) async {
        backlogs = [:]
        alarmStates = [:]
        actionsTaken = [:]
        for record in records {
            guard let dispatcher = await registry.dispatcher(record.name) else { continue }
            let backlog = await dispatcher.backlog
            backlogs[record.name] = backlog
            let metrics = AsyncEndpointMetrics.metrics(
                backlog: backlog, instances: await registry.fleet(record.name).count,
                oldestQueuedAge: await dispatcher.oldestQueuedArrival.map { clock.awsSecondsSince($0) })
            history.record(endpoint: record.name, metrics: metrics, at: now)
            let counts = await dispatcher.takeCounts()
            do {
                try await backend.publish(endpoint: record.name, metrics: metrics)
                // Every variant reports each period, zeros included, as SageMaker's counts do.
                for variant in record.variants {
                    let variantMetrics = AsyncEndpointMetrics.variantMetrics(counts[variant.name] ?? InvocationCounts())
                    history.record(endpoint: record.name, metrics: variantMetrics, at: now)
                    try await backend.publish(endpoint: record.name, variant: variant.name, metrics: variantMetrics)
                }
            } catch {
                RuntimeLog.note("endpoint \(record.name): publishing metrics failed: \(error)")
            }
        }

        var rules: [String: (record: EndpointRecord, variant: VariantStatus, rules: VariantScalingRules)] = [:]
        for record in records {
            for variant in record.variants {
                do {
                    let found = try await backend.rules(endpoint: record.name, variant: variant.name)
                    for problem in found.unsupported { report("\(found.resourceId): \(problem)") }
                    rules[found.resourceId] = (record, variant, found)
                } catch {
                    RuntimeLog.note("endpoint \(record.name): reading the scaling rules of \(variant.name) failed: \(error)")
                }
            }
        }

        var proposals: [String: [ScalingProposal]] = [:]
        let alarms: [AlarmDefinition]
        do {
            alarms = try await backend.alarms(on: Set(records.map(\.name)))
        } catch {
            RuntimeLog.note("reading CloudWatch alarms failed: \(error)")
            alarms = []
        }
        for alarm in alarms {
            let outcome = AlarmEvaluation.evaluate(alarm, datapoints: datapoints(alarm, now))
            alarmStates[alarm.endpoint, default: [:]][alarm.name] = outcome.state.rawValue
            var reason = outcome.reason
            let transitioned = outcome.state != alarm.state
            // Auto Scaling actions run on every evaluation while the alarm stays in the state, not
            // only on the transition (CloudWatch's exception for Auto Scaling actions).
            for action in alarm.actions(in: outcome.state) {
                guard let resource = PolicyResource(arn: action) else { continue }
                switch stepProposal(action, resource, alarm: alarm, outcome: outcome, rules: rules, now: now) {
                case .proposal(let proposal): proposals[resource.resourceId, default: []].append(proposal)
                case .none: break
                case .failure(let message):
                    reason += " Failed to execute action \(action): \(message)"
                    report("alarm \(alarm.name): action \(action): \(message)")
                    if transitioned {
                        await activities.begin(
                            resourceId: resource.resourceId, description: "Failed to run scaling policy \(resource.policyName).",
                            cause: "monitor alarm \(alarm.name) in state \(outcome.state.rawValue) triggered policy \(resource.policyName)",
                            status: .failed, message: message)
                    }
                }
            }
            if transitioned || reason != alarm.stateReason {
                var written = outcome
                written.reason = reason
                do {
                    try await backend.setState(alarm: alarm.name, written)
                } catch {
                    RuntimeLog.note("alarm \(alarm.name): writing its state \(outcome.state.rawValue) failed: \(error)")
                }
            }
        }

        for (resourceId, entry) in rules {
            for policy in entry.rules.trackingPolicies {
                if let proposal = trackingProposal(policy, capacity: entry.variant.desiredInstanceCount, now: now) {
                    proposals[resourceId, default: []].append(proposal)
                }
            }
        }

        for (resourceId, candidates) in proposals {
            guard let entry = rules[resourceId], let target = entry.rules.target, !scaling.contains(resourceId) else { continue }
            guard target.minCapacity <= target.maxCapacity else {
                let message = "The scalable target's MinCapacity (\(target.minCapacity)) is greater than its MaxCapacity (\(target.maxCapacity)): fix it with RegisterScalableTarget."
                if report("\(resourceId): \(message)") {
                    await activities.begin(
                        resourceId: resourceId, description: "Failed to change the desired instance count.",
                        cause: candidates.first?.cause ?? "scaling policy", status: .failed, message: message)
                }
                continue
            }
            let capacity = entry.variant.desiredInstanceCount
            guard var winner = ScalingProposal.winner(candidates, capacity: capacity) else { continue }
            winner.desired = min(max(winner.desired, target.minCapacity), target.maxCapacity)
            guard winner.desired != capacity, entry.record.status == .inService else { continue }
            begin(winner, resourceId: resourceId, endpoint: entry.record.name, variant: entry.variant.name, from: capacity, at: now)
        }
        await writeTimeline(records.map(\.name), at: now)
    }

    private func datapoints(_ alarm: AlarmDefinition, _ now: Double) -> [Datapoint] {
        history.datapoints(
            endpoint: alarm.endpoint, metricName: alarm.metricName, statistic: alarm.statistic, period: alarm.period,
            count: alarm.evaluationPeriods, now: now)
    }

    private enum StepResult {
        case proposal(ScalingProposal)
        case none
        case failure(String)
    }

    /// What the step policy `arn` asks for when `alarm` concluded `outcome`.
    private func stepProposal(
        _ arn: String, _ resource: PolicyResource, alarm: AlarmDefinition, outcome: AlarmOutcome,
        rules: [String: (record: EndpointRecord, variant: VariantStatus, rules: VariantScalingRules)], now: Double
    ) -> StepResult {
        guard resource.endpointVariant != nil else {
            return .failure("resource \(resource.resourceId) in namespace \(resource.namespace) is not a SageMaker endpoint variant (endpoint/<name>/variant/<variant>).")
        }
        guard let entry = rules[resource.resourceId] else {
            return .failure("resource \(resource.resourceId) is not a variant of an endpoint this runtime hosts.")
        }
        guard entry.rules.target != nil else {
            return .failure("no scalable target is registered for \(resource.resourceId): call RegisterScalableTarget first.")
        }
        guard let policy = entry.rules.stepPolicies.first(where: { $0.arn == arn }) else {
            return .failure("no step scaling policy with this ARN exists on \(resource.resourceId); it may have been deleted or be a target-tracking policy.")
        }
        let value = StepScaling.aggregate(outcome.evaluatedValues, policy.aggregation, threshold: alarm.threshold)
        guard let step = StepScaling.step(policy, value: value, threshold: alarm.threshold, above: alarm.comparison.breachesAbove) else {
            return .none
        }
        let capacity = entry.variant.desiredInstanceCount
        var desired = StepScaling.capacity(from: capacity, adjustment: step.adjustment, policy: policy)
        if let last = lastActions[arn], now - last.time < policy.cooldown {
            // In cooldown a scale-in waits; a scale-out counts what the last one added as done.
            guard desired > capacity else { return .none }
            desired = StepScaling.capacity(from: last.from, adjustment: step.adjustment, policy: policy)
            guard desired > capacity else { return .none }
        }
        return .proposal(ScalingProposal(
            desired: desired, policyArn: arn,
            cause: "monitor alarm \(alarm.name) in state \(outcome.state.rawValue) triggered policy \(policy.name)"))
    }

    /// What a target-tracking policy asks for, through the two alarms AWS would create for it.
    private func trackingProposal(_ policy: TrackingPolicy, capacity: Int, now: Double) -> ScalingProposal? {
        let (high, low) = TargetTracking.alarms(for: policy)
        var latest: Double?
        var fired: AlarmDefinition?
        for var alarm in [high, low] {
            alarm.state = trackingStates[alarm.name] ?? .insufficientData
            let points = datapoints(alarm, now)
            let outcome = AlarmEvaluation.evaluate(alarm, datapoints: points)
            trackingStates[alarm.name] = outcome.state
            alarmStates[alarm.endpoint, default: [:]][alarm.name] = outcome.state.rawValue
            latest = points.last(where: { $0.value != nil })?.value
            if outcome.state == .alarm { fired = alarm }
        }
        guard let fired, let metric = latest else { return nil }
        let desired = TargetTracking.desiredCapacity(capacity: capacity, metric: metric, target: policy.targetValue)
        let last = lastActions[policy.arn]
        if desired > capacity {
            if let last, last.to > last.from, now - last.time < policy.scaleOutCooldown { return nil }
        } else if desired < capacity {
            if policy.disableScaleIn { return nil }
            if let last, now - last.time < policy.scaleInCooldown { return nil }
        } else {
            return nil
        }
        return ScalingProposal(
            desired: desired, policyArn: policy.arn, cause: "monitor alarm \(fired.name) in state ALARM triggered policy \(policy.name)")
    }

    private func begin(_ proposal: ScalingProposal, resourceId: String, endpoint: String, variant: String, from capacity: Int, at now: Double) {
        scaling.insert(resourceId)
        actionsTaken[endpoint, default: []].append("\(proposal.cause): \(variant) \(capacity) → \(proposal.desired)")
        lastActions[proposal.policyArn] = LastAction(time: now, from: capacity, to: proposal.desired)
        let lifecycle = self.lifecycle
        let activities = self.activities
        let desired = proposal.desired
        Task {
            let id = await activities.begin(
                resourceId: resourceId, description: "Setting desired instance count to \(desired).", cause: proposal.cause)
            RuntimeLog.note("endpoint \(endpoint): \(proposal.cause): setting \(variant)'s desired instance count from \(capacity) to \(desired)")
            if let failure = await lifecycle.scale(endpoint, variant: variant, to: desired) {
                await activities.finish(id, status: .failed, message: "Failed to set desired instance count to \(desired): \(failure)")
            } else {
                await activities.finish(
                    id, status: .successful, message: "Successfully set desired instance count to \(desired). Change successfully fulfilled by sagemaker.")
            }
            self.finished(resourceId)
        }
    }

    private func writeTimeline(_ endpoints: [String], at now: Double) async {
        guard let timeline else { return }
        var entries: [TimelineEntry] = []
        for name in endpoints.sorted() {
            guard let record = await registry.endpoint(name) else { continue }
            entries.append(TimelineEntry(
                time: now, endpoint: name, status: record.status.rawValue, backlog: backlogs[name] ?? 0,
                instances: await registry.fleet(name).count, desired: record.variants.reduce(0) { $0 + $1.desiredInstanceCount },
                alarms: alarmStates[name] ?? [:], actions: actionsTaken[name] ?? []))
        }
        await timeline.append(entries)
    }

    private func finished(_ resourceId: String) {
        scaling.remove(resourceId)
    }

    /// Logs a configuration problem the first time it is seen; true when it was new.
    @discardableResult
    private func report(_ problem: String) -> Bool {
        guard reported.insert(problem).inserted else { return false }
        RuntimeLog.note(problem)
        return true
    }
}
