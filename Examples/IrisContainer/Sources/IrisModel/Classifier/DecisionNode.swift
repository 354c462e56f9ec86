/// A node of a binary decision tree over numeric features.
///
/// A split sends a sample to `atOrBelow` when `features[featureIndex] <= threshold`, otherwise to
/// `above` (the same rule as scikit-learn's trees, so thresholds read the same way).
public indirect enum DecisionNode: Sendable, Equatable {
    /// A decision: compare one feature against a threshold.
    case split(featureIndex: Int, threshold: Double, atOrBelow: DecisionNode, above: DecisionNode)
    /// An answer: the predicted class and the training samples of each class that reached it.
    case leaf(classIndex: Int, samplesPerClass: [Int])

    /// The class index this tree predicts for one sample's features.
    public func predict(_ features: [Double]) -> Int {
        var node = self
        while true {
            switch node {
            case let .leaf(classIndex, _):
                return classIndex
            case let .split(featureIndex, threshold, atOrBelow, above):
                node = features[featureIndex] <= threshold ? atOrBelow : above
            }
        }
    }

    /// The number of splits on the longest path from this node to a leaf.
    public var depth: Int {
        switch self {
        case .leaf: return 0
        case let .split(_, _, atOrBelow, above): return 1 + max(atOrBelow.depth, above.depth)
        }
    }
}
