import Foundation
import IrisModel
import Testing

@Suite struct IrisTrainingTests {
    let dataset: IrisDataset
    let classifier: IrisClassifier

    init() throws {
        dataset = try IrisDataset(contentsOf: PackageFiles.irisCSV)
        classifier = IrisTraining.train(on: dataset)
    }

    @Test func classifiesAtLeast95PercentOfTheData() {
        let correct = dataset.rows.filter { classifier.predict($0.petalFeatures) == dataset.classNames[$0.classIndex] }.count
        #expect(Double(correct) / Double(dataset.rows.count) >= 0.95)
        #expect(classifier.training.correct == correct)
        #expect(classifier.training.rows == 150)
    }

    /// The first flower of each species in the file (rows 1, 51 and 101).
    @Test(arguments: [
        (0, "setosa"), (50, "versicolor"), (100, "virginica"),
    ])
    func predictsAKnownRowOfEverySpecies(row: Int, species: String) {
        #expect(dataset.classNames[dataset.rows[row].classIndex] == species)
        #expect(classifier.predict(dataset.rows[row].petalFeatures) == species)
    }

    @Test func learnsTheTextbookPetalThresholds() throws {
        guard case let .split(rootFeature, rootThreshold, atOrBelow, above) = classifier.tree else {
            Issue.record("the root is a leaf: \(classifier.tree)")
            return
        }
        #expect(classifier.features[rootFeature] == .petalLength)
        #expect(rootThreshold == 2.45)
        #expect(atOrBelow == .leaf(classIndex: 0, samplesPerClass: [50, 0, 0]))
        guard case let .split(secondFeature, secondThreshold, _, _) = above else {
            Issue.record("no second split: \(above)")
            return
        }
        #expect(classifier.features[secondFeature] == .petalWidth)
        #expect(secondThreshold == 1.75)
        #expect(classifier.tree.depth <= IrisTraining.defaultMaxDepth)
    }

    @Test func trainingTwiceGivesTheSameModelFileBytes() throws {
        let again = IrisTraining.train(on: try IrisDataset(contentsOf: PackageFiles.irisCSV))
        #expect(try again.modelJSON() == classifier.modelJSON())
    }

    @Test func depthOneStillSeparatesSetosa() {
        let stump = IrisTraining.train(on: dataset, maxDepth: 1)
        #expect(stump.tree.depth == 1)
        #expect(stump.predict([1.4, 0.2]) == "setosa")
    }
}

@Suite struct DecisionTreeTrainerTests {
    @Test func aPureSetIsALeaf() {
        let tree = DecisionTreeTrainer(maxDepth: 3).train(samples: [[1], [2]], labels: [1, 1], classCount: 2)
        #expect(tree == .leaf(classIndex: 1, samplesPerClass: [0, 2]))
    }

    @Test func equallyGoodSplitsGoToTheFirstFeature() {
        // Both features separate the classes perfectly; the tie must not depend on hashing or order of evaluation.
        let tree = DecisionTreeTrainer(maxDepth: 1).train(samples: [[1, 10], [2, 20]], labels: [0, 1], classCount: 2)
        #expect(tree == .split(
            featureIndex: 0, threshold: 1.5,
            atOrBelow: .leaf(classIndex: 0, samplesPerClass: [1, 0]),
            above: .leaf(classIndex: 1, samplesPerClass: [0, 1])))
    }

    @Test func identicalSamplesCannotBeSplit() {
        let tree = DecisionTreeTrainer(maxDepth: 2).train(samples: [[1], [1]], labels: [0, 1], classCount: 2)
        #expect(tree == .leaf(classIndex: 0, samplesPerClass: [1, 1]))
    }
}
