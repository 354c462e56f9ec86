import Foundation

extension IrisClassifier {
    /// The name of the model file inside `model.tar.gz` and the model directory.
    public static let modelFileName = "model.json"

    /// The deepest tree a model file may hold; far above what iris needs, it only stops a
    /// corrupt or hostile file from recursing without end.
    static let maximumFileTreeDepth = 32

    /// Reads a `model.json` and checks it: format and version, that every feature and class the
    /// tree names is declared, finite thresholds, one sample count per class.
    public init(modelJSON data: Data) throws {
        // Format and version first: another format or a later version may lay out the rest differently.
        let identity: ModelFileLayout.Identity
        do {
            identity = try JSONDecoder().decode(ModelFileLayout.Identity.self, from: data)
        } catch {
            throw ModelFileError("model.json is not a model file this container reads (no `format` and `version`: \(error)); create one with `iris-container train`")
        }
        guard identity.format == ModelFileLayout.format else {
            throw ModelFileError("model.json has format `\(identity.format)`, expected `\(ModelFileLayout.format)`; create one with `iris-container train`")
        }
        guard identity.version == ModelFileLayout.version else {
            throw ModelFileError("model.json is version \(identity.version); this iris-container reads version \(ModelFileLayout.version): retrain with this iris-container's `train`")
        }
        let layout: ModelFileLayout
        do {
            layout = try JSONDecoder().decode(ModelFileLayout.self, from: data)
        } catch {
            throw ModelFileError("model.json is not a valid \(ModelFileLayout.format) file (\(error)); create one with `iris-container train`")
        }
        guard !layout.features.isEmpty, Set(layout.features.map(\.name)).count == layout.features.count else {
            throw ModelFileError("model.json must list at least one feature, each name once")
        }
        guard !layout.classes.isEmpty, Set(layout.classes).count == layout.classes.count else {
            throw ModelFileError("model.json must list at least one class, each name once")
        }
        let featureNames = layout.features.map(\.name)
        self.init(
            features: layout.features.map { Feature(name: $0.name, description: $0.description) },
            classNames: layout.classes,
            tree: try Self.node(from: layout.tree, featureNames: featureNames, classNames: layout.classes, depth: 0),
            training: TrainingSummary(rows: layout.training.rows, correct: layout.training.correct, maxDepth: layout.training.maxDepth)
        )
    }

    /// The model as `model.json`: pretty-printed with sorted keys, so the same model always gives
    /// the same bytes.
    public func modelJSON() throws -> Data {
        let layout = ModelFileLayout(
            format: ModelFileLayout.format,
            version: ModelFileLayout.version,
            features: features.map { .init(name: $0.name, description: $0.description) },
            classes: classNames,
            tree: layoutNode(tree),
            training: .init(
                rows: training.rows,
                correct: training.correct,
                accuracy: (training.accuracy * 10_000).rounded() / 10_000,
                criterion: "gini",
                maxDepth: training.maxDepth)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(layout)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private func layoutNode(_ node: DecisionNode) -> ModelFileLayout.NodeLayout {
        switch node {
        case let .leaf(classIndex, samplesPerClass):
            return .leaf(className: classNames[classIndex], samples: samplesPerClass)
        case let .split(featureIndex, threshold, atOrBelow, above):
            return .split(feature: features[featureIndex].name, threshold: threshold,
                          atOrBelow: layoutNode(atOrBelow), above: layoutNode(above))
        }
    }

    private static func node(from layout: ModelFileLayout.NodeLayout, featureNames: [String], classNames: [String], depth: Int) throws -> DecisionNode {
        guard depth <= maximumFileTreeDepth else {
            throw ModelFileError("model.json's tree is deeper than \(maximumFileTreeDepth) splits; the file is corrupt")
        }
        switch layout {
        case let .leaf(className, samples):
            guard let classIndex = classNames.firstIndex(of: className) else {
                throw ModelFileError("model.json's tree answers `\(className)`, which is not in `classes` \(classNames)")
            }
            guard samples.count == classNames.count else {
                throw ModelFileError("a leaf of model.json has \(samples.count) sample counts for \(classNames.count) classes")
            }
            return .leaf(classIndex: classIndex, samplesPerClass: samples)
        case let .split(feature, threshold, atOrBelow, above):
            guard let featureIndex = featureNames.firstIndex(of: feature) else {
                throw ModelFileError("model.json's tree splits on `\(feature)`, which is not in `features` \(featureNames)")
            }
            guard threshold.isFinite else {
                throw ModelFileError("model.json's tree has a threshold that is not a finite number")
            }
            return .split(
                featureIndex: featureIndex, threshold: threshold,
                atOrBelow: try node(from: atOrBelow, featureNames: featureNames, classNames: classNames, depth: depth + 1),
                above: try node(from: above, featureNames: featureNames, classNames: classNames, depth: depth + 1))
        }
    }
}

/// A `model.json` that cannot be used; the message says what is wrong and how to get a good one.
public struct ModelFileError: Error, CustomStringConvertible {
    /// What is wrong and what to do.
    public var description: String

    init(_ description: String) { self.description = description }
}
