/// The JSON layout of `model.json`, field for field (README.md, "The model file"). Kept apart
/// from ``IrisClassifier`` so the file can name features and classes while the tree in memory
/// works with indices.
struct ModelFileLayout: Codable {
    static let format = "ayame-iris-decision-tree"
    static let version = 1

    /// The two fields every version keeps, read before the rest.
    struct Identity: Codable {
        var format: String
        var version: Int
    }

    var format: String
    var version: Int
    var features: [FeatureLayout]
    var classes: [String]
    var tree: NodeLayout
    var training: TrainingLayout

    struct FeatureLayout: Codable {
        var name: String
        var description: String
    }

    struct TrainingLayout: Codable {
        var rows: Int
        var correct: Int
        var accuracy: Double
        var criterion: String
        var maxDepth: Int

        enum CodingKeys: String, CodingKey {
            case rows, correct, accuracy, criterion
            case maxDepth = "max_depth"
        }
    }

    /// A split has `feature`, `threshold`, `at_or_below` and `above`; a leaf has `class` and
    /// `samples`. The keys tell them apart, so there is no separate type tag.
    indirect enum NodeLayout: Codable {
        case split(feature: String, threshold: Double, atOrBelow: NodeLayout, above: NodeLayout)
        case leaf(className: String, samples: [Int])

        enum CodingKeys: String, CodingKey {
            case feature, threshold, above
            case atOrBelow = "at_or_below"
            case className = "class"
            case samples
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.className) {
                self = .leaf(
                    className: try container.decode(String.self, forKey: .className),
                    samples: try container.decode([Int].self, forKey: .samples))
            } else {
                self = .split(
                    feature: try container.decode(String.self, forKey: .feature),
                    threshold: try container.decode(Double.self, forKey: .threshold),
                    atOrBelow: try container.decode(NodeLayout.self, forKey: .atOrBelow),
                    above: try container.decode(NodeLayout.self, forKey: .above))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case let .split(feature, threshold, atOrBelow, above):
                try container.encode(feature, forKey: .feature)
                try container.encode(threshold, forKey: .threshold)
                try container.encode(atOrBelow, forKey: .atOrBelow)
                try container.encode(above, forKey: .above)
            case let .leaf(className, samples):
                try container.encode(className, forKey: .className)
                try container.encode(samples, forKey: .samples)
            }
        }
    }
}
