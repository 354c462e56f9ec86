/// The container's model: a decision tree over named input features, with the class names it
/// answers and a summary of its training. Read from and written to `model.json`
/// (``IrisClassifier/init(modelJSON:)``, ``IrisClassifier/modelJSON()``).
public struct IrisClassifier: Sendable, Equatable {
    /// A feature the model reads from each input row.
    public struct Feature: Sendable, Equatable {
        /// The key of the feature in an input row, e.g. `花びらの長さ`.
        public var name: String
        /// What the feature measures, e.g. `petal length (cm)`.
        public var description: String

        /// A feature read from the input row key `name`.
        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    /// How the model was trained; informational, prediction does not use it.
    public struct TrainingSummary: Sendable, Equatable {
        /// Number of training rows.
        public var rows: Int
        /// Training rows the tree classifies correctly.
        public var correct: Int
        /// The deepest tree the trainer was allowed to grow.
        public var maxDepth: Int

        /// A summary of `correct` out of `rows` with the depth limit used.
        public init(rows: Int, correct: Int, maxDepth: Int) {
            self.rows = rows
            self.correct = correct
            self.maxDepth = maxDepth
        }

        /// `correct / rows`, 0 for no rows.
        public var accuracy: Double { rows == 0 ? 0 : Double(correct) / Double(rows) }
    }

    /// The input features, in the order the tree's feature indices refer to.
    public var features: [Feature]
    /// The answers, in the order the tree's class indices refer to.
    public var classNames: [String]
    /// The decision tree.
    public var tree: DecisionNode
    /// How the tree was trained.
    public var training: TrainingSummary

    /// A classifier; `tree` must refer only to indices of `features` and `classNames`.
    public init(features: [Feature], classNames: [String], tree: DecisionNode, training: TrainingSummary) {
        self.features = features
        self.classNames = classNames
        self.tree = tree
        self.training = training
    }

    /// The class name predicted for one row of feature values, in ``features`` order.
    public func predict(_ featureValues: [Double]) -> String {
        classNames[tree.predict(featureValues)]
    }
}

extension IrisClassifier.Feature {
    /// `花びらの長さ`, the key of petal length (cm) in the walkthrough's input JSON.
    public static let petalLength = IrisClassifier.Feature(name: "花びらの長さ", description: "petal length in cm")
    /// `花びらの幅`, the key of petal width (cm) in the walkthrough's input JSON.
    public static let petalWidth = IrisClassifier.Feature(name: "花びらの幅", description: "petal width in cm")
}
