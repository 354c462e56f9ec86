/// The metrics SageMaker publishes for an asynchronous endpoint, from its queue and instances.
enum AsyncEndpointMetrics {
    /// SageMaker's async-inference metrics with the `EndpointName` dimension: the backlog for a
    /// queue of `backlog` requests (queued and in flight) on `instances` instances, whose oldest
    /// queued request arrived `oldestQueuedAge` AWS seconds ago (nil: nothing is queued).
    static func metrics(backlog: Int, instances: Int, oldestQueuedAge: Double? = nil) -> [String: Double] {
        var metrics: [String: Double] = [
            "ApproximateBacklogSize": Double(backlog),
            "HasBacklogWithoutCapacity": backlog > 0 && instances == 0 ? 1 : 0,
            "ApproximateAgeOfOldestRequest": (oldestQueuedAge ?? 0).rounded(.down),
        ]
        // Undefined without instances, as in SageMaker: that is what HasBacklogWithoutCapacity is for.
        if instances > 0 { metrics["ApproximateBacklogSizePerInstance"] = Double(backlog) / Double(instances) }
        return metrics
    }

    /// SageMaker's per-variant async counts (`EndpointName` and `VariantName` dimensions) for
    /// the requests that ended during one period: processed successfully, or failed.
    static func variantMetrics(_ counts: InvocationCounts) -> [String: Double] {
        ["InvocationsProcessed": Double(counts.processed), "InvocationFailures": Double(counts.failed)]
    }
}

/// How many requests ended on one variant during a period.
struct InvocationCounts: Sendable, Equatable {
    var processed = 0
    var failed = 0
}
