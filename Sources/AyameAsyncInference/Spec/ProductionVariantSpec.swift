/// One production variant: the instances serving the model.
public struct ProductionVariantSpec: Sendable, Equatable {
    /// The variant's name (`AllTraffic` in the walkthrough).
    public var name: String
    /// The instance type, for example `ml.m5.large`.
    public var instanceType: String
    /// Instances to start with; at least 1 (SageMaker starts async endpoints with capacity and
    /// lets autoscaling take them to zero).
    public var initialInstanceCount: Int
    /// The share of traffic relative to the other variants.
    public var weight: Double

    /// Creates a variant.
    public init(name: String = "AllTraffic", instanceType: String, initialInstanceCount: Int = 1, weight: Double = 1) {
        self.name = name
        self.instanceType = instanceType
        self.initialInstanceCount = initialInstanceCount
        self.weight = weight
    }
}
