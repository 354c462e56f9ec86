/// Grows a classification tree by exhaustive Gini split search (CART), deterministically.
///
/// Determinism is the point: `scripts/train-iris-model --check` compares a fresh model byte for
/// byte with the committed one. So split quality is compared in exact integer arithmetic (no
/// floating-point near-ties), ties go to the lower feature index and then the lower threshold,
/// and majority ties go to the lower class index.
public struct DecisionTreeTrainer: Sendable {
    /// The deepest tree to grow (number of splits from root to leaf).
    public var maxDepth: Int

    /// A trainer that grows trees at most `maxDepth` splits deep.
    public init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    /// Grows a tree for `samples` (feature vectors of equal length) labelled with `labels`
    /// (class indices below `classCount`).
    public func train(samples: [[Double]], labels: [Int], classCount: Int) -> DecisionNode {
        precondition(samples.count == labels.count, "one label per sample")
        let problem = Problem(samples: samples, labels: labels, classCount: classCount)
        return problem.grow(rows: Array(samples.indices), depthLeft: maxDepth)
    }
}

/// The training data and the recursive growth, kept apart from the public configuration.
private struct Problem {
    let samples: [[Double]]
    let labels: [Int]
    let classCount: Int

    func grow(rows: [Int], depthLeft: Int) -> DecisionNode {
        let counts = classCounts(rows)
        let leaf = DecisionNode.leaf(classIndex: majority(counts), samplesPerClass: counts)
        let isPure = counts.filter { $0 > 0 }.count <= 1
        guard depthLeft > 0, !isPure, let split = bestSplit(rows) else { return leaf }

        let atOrBelowRows = rows.filter { samples[$0][split.featureIndex] <= split.threshold }
        let aboveRows = rows.filter { samples[$0][split.featureIndex] > split.threshold }
        let atOrBelow = grow(rows: atOrBelowRows, depthLeft: depthLeft - 1)
        let above = grow(rows: aboveRows, depthLeft: depthLeft - 1)
        // A split whose two sides give the same answer changes no prediction; dropping it keeps
        // the model file to the decisions that matter.
        if case let .leaf(left, _) = atOrBelow, case let .leaf(right, _) = above, left == right {
            return leaf
        }
        return .split(featureIndex: split.featureIndex, threshold: split.threshold, atOrBelow: atOrBelow, above: above)
    }

    struct Split {
        var featureIndex: Int
        var threshold: Double
        var purity: Purity
    }

    /// The split with the lowest weighted Gini impurity, nil when no split separates anything.
    func bestSplit(_ rows: [Int]) -> Split? {
        guard let featureCount = samples.first?.count else { return nil }
        var best: Split?
        for featureIndex in 0..<featureCount {
            let sorted = rows.sorted { (samples[$0][featureIndex], $0) < (samples[$1][featureIndex], $1) }
            var below = [Int](repeating: 0, count: classCount)
            var above = classCounts(rows)
            for position in 0..<(sorted.count - 1) {
                let row = sorted[position]
                below[labels[row]] += 1
                above[labels[row]] -= 1
                let value = samples[row][featureIndex]
                let next = samples[sorted[position + 1]][featureIndex]
                guard value < next else { continue }
                let purity = Purity(below: below, above: above)
                if best == nil || purity > best!.purity {
                    best = Split(featureIndex: featureIndex, threshold: Self.threshold(between: value, and: next), purity: purity)
                }
            }
        }
        return best
    }

    /// The midpoint of two neighbouring values, rounded to 1/100 when that stays strictly between
    /// them: iris is measured to 1 mm, so thresholds read as 2.45 rather than 2.4499999999999997.
    static func threshold(between low: Double, and high: Double) -> Double {
        let midpoint = (low + high) / 2
        let rounded = (midpoint * 100).rounded() / 100
        return (low < rounded && rounded < high) ? rounded : midpoint
    }

    func classCounts(_ rows: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for row in rows { counts[labels[row]] += 1 }
        return counts
    }

    func majority(_ counts: [Int]) -> Int {
        var best = 0
        for index in counts.indices where counts[index] > counts[best] { best = index }
        return best
    }
}

/// How pure the two sides of a split are, comparable exactly.
///
/// Weighted Gini impurity is `1 - (ΣL²/nL + ΣR²/nR) / n`; for a fixed parent, lower impurity
/// means a larger `ΣL²/nL + ΣR²/nR`, which this keeps as the fraction
/// `(ΣL²·nR + ΣR²·nL) / (nL·nR)` of integers.
struct Purity: Comparable {
    let numerator: Int
    let denominator: Int

    init(below: [Int], above: [Int]) {
        let belowCount = below.reduce(0, +), aboveCount = above.reduce(0, +)
        let belowSquares = below.reduce(0) { $0 + $1 * $1 }, aboveSquares = above.reduce(0) { $0 + $1 * $1 }
        numerator = belowSquares * aboveCount + aboveSquares * belowCount
        denominator = belowCount * aboveCount
    }

    static func < (lhs: Purity, rhs: Purity) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    static func == (lhs: Purity, rhs: Purity) -> Bool {
        lhs.numerator * rhs.denominator == rhs.numerator * lhs.denominator
    }
}
