/// The metrics SageMaker publishes for an asynchronous endpoint, from its queue and instances.
enum AsyncEndpointMetrics {
    /// SageMaker's async-inference metrics for a backlog and an instance count.
    static func metrics(backlog: Int, instances: Int) -> [String: Double] {
        var metrics: [String: Double] = [
            "ApproximateBacklogSize": Double(backlog),
            "HasBacklogWithoutCapacity": backlog > 0 && instances == 0 ? 1 : 0,
        ]
        // Undefined without instances, as in SageMaker: that is what HasBacklogWithoutCapacity is for.
        if instances > 0 { metrics["ApproximateBacklogSizePerInstance"] = Double(backlog) / Double(instances) }
        return metrics
    }
}
