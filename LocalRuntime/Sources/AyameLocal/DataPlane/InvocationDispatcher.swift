import Foundation

/// The FIFO queue of one endpoint: requests leave it in arrival order, each to the least busy
/// instance that has fewer than `MaxConcurrentInvocationsPerInstance` in flight.
actor InvocationDispatcher {
    private struct Slot {
        let instance: ContainerInstance
        var inFlight: Int
        /// Replaced by an update: finishes what it has, takes nothing new.
        var retired: Bool
    }

    private var pending: [AsyncInvocation] = []
    private var head = 0
    private var slots: [Slot] = []
    private let perInstanceLimit: Int
    private let worker: InvocationWorker
    /// Requests that ended since the last ``takeCounts()``, per variant.
    private var counts: [String: InvocationCounts] = [:]

    init(perInstanceLimit: Int, worker: InvocationWorker) {
        self.perInstanceLimit = max(1, perInstanceLimit)
        self.worker = worker
    }

    /// Requests queued plus requests in flight: SageMaker's ApproximateBacklogSize.
    var backlog: Int {
        (pending.count - head) + slots.reduce(0) { $0 + $1.inFlight }
    }

    /// When the oldest request still waiting for an instance arrived (nil: none is waiting).
    var oldestQueuedArrival: Date? {
        head < pending.count ? pending[head].receivedAt : nil
    }

    /// The requests that ended since the last call, per variant; starts a new count.
    func takeCounts() -> [String: InvocationCounts] {
        defer { counts = [:] }
        return counts
    }

    /// Adds instances (a scale-out) beside the current ones.
    func addInstances(_ instances: [ContainerInstance]) {
        slots += instances.map { Slot(instance: $0, inFlight: 0, retired: false) }
        pump()
    }

    /// Takes instances out of rotation (a scale-in): they finish what they have and take nothing new.
    func retire(_ instances: [ContainerInstance]) {
        for index in slots.indices where instances.contains(where: { $0 === slots[index].instance }) {
            slots[index].retired = true
        }
        slots.removeAll { $0.retired && $0.inFlight == 0 }
    }

    /// Requests still running on any of `instances`.
    func inFlight(on instances: [ContainerInstance]) -> Int {
        slots.filter { slot in instances.contains { $0 === slot.instance } }.reduce(0) { $0 + $1.inFlight }
    }

    /// Requests still running on instances an update has retired.
    var inFlightOnRetiredInstances: Int {
        slots.filter(\.retired).reduce(0) { $0 + $1.inFlight }
    }

    func enqueue(_ invocation: AsyncInvocation) {
        pending.append(invocation)
        pump()
    }

    /// Switches to a new fleet (an update's blue/green switch): requests in flight finish on
    /// the old instances, queued ones go to the new.
    func replaceInstances(with instances: [ContainerInstance]) {
        for index in slots.indices { slots[index].retired = true }
        slots.removeAll { $0.retired && $0.inFlight == 0 }
        slots += instances.map { Slot(instance: $0, inFlight: 0, retired: false) }
        pump()
    }

    private func pump() {
        while head < pending.count {
            guard let index = slots.indices
                .filter({ !slots[$0].retired && slots[$0].inFlight < perInstanceLimit })
                .min(by: { slots[$0].inFlight < slots[$1].inFlight })
            else { break }
            let invocation = pending[head]
            head += 1
            slots[index].inFlight += 1
            let instance = slots[index].instance
            let worker = self.worker
            Task {
                let completed = await worker.run(invocation, on: instance)
                self.finished(instance, completed: completed)
            }
        }
        if head > 1024 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
    }

    private func finished(_ instance: ContainerInstance, completed: Bool) {
        if completed { counts[instance.variantName, default: InvocationCounts()].processed += 1 } else {
            counts[instance.variantName, default: InvocationCounts()].failed += 1
        }
        if let index = slots.firstIndex(where: { $0.instance === instance }) {
            slots[index].inFlight -= 1
            if slots[index].retired && slots[index].inFlight == 0 { slots.remove(at: index) }
        }
        pump()
    }
}
