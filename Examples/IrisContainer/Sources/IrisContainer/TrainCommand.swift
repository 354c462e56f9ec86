import ArgumentParser
import Foundation
import IrisModel

/// `iris-container train`: the model the container serves, from the iris CSV.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the petal decision tree on iris.csv and write model.tar.gz (byte-identical for the same data).")

    @Option(help: "scikit-learn's iris.csv (Examples/IrisContainer/Data/iris.csv).")
    var data: String

    @Option(help: "The archive to write, holding model.json.")
    var output: String

    @Option(help: "The deepest tree to grow.")
    var maxDepth: Int = IrisTraining.defaultMaxDepth

    func validate() throws {
        guard (1...16).contains(maxDepth) else {
            throw ValidationError("--max-depth must be between 1 and 16")
        }
    }

    func run() throws {
        do {
            let dataset = try IrisDataset(contentsOf: URL(fileURLWithPath: data))
            let classifier = IrisTraining.train(on: dataset, maxDepth: maxDepth)
            try ModelArchive.pack(modelJSON: classifier.modelJSON(), to: URL(fileURLWithPath: output))
            let training = classifier.training
            print("trained a decision tree (depth \(classifier.tree.depth)) on petal length and width: " +
                  "training accuracy \(String(format: "%.2f", training.accuracy * 100))% " +
                  "(\(training.correct)/\(training.rows)); wrote \(output)")
        } catch {
            FileHandle.standardError.write(Data("iris-container train: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
