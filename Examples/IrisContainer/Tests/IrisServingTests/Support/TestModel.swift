import Foundation
import IrisModel

/// The model the tests serve: trained from the committed data, as `iris-container train` does.
enum TestModel {
    static let irisCSV = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/iris.csv")

    static func classifier() throws -> IrisClassifier {
        IrisTraining.train(on: try IrisDataset(contentsOf: irisCSV))
    }

    /// A new temporary model directory holding only `model.tar.gz`, as the seed's container sees
    /// it. The caller removes it.
    static func directoryWithArchive() throws -> URL {
        let directory = try ModelArchive.makeTemporaryDirectory(prefix: "iris-model-dir")
        try ModelArchive.pack(modelJSON: classifier().modelJSON(), to: directory.appendingPathComponent("model.tar.gz"))
        return directory
    }

    /// One flower of each species, as `/invocations` bodies with all four columns like the
    /// walkthrough's input_data.json (rows 1, 51 and 101 of iris.csv).
    static let flowers: [(species: String, body: String)] = [
        ("setosa", #"{"features": [{"がく片の長さ": 5.1, "がく片の幅": 3.5, "花びらの長さ": 1.4, "花びらの幅": 0.2}]}"#),
        ("versicolor", #"{"features": [{"がく片の長さ": 7.0, "がく片の幅": 3.2, "花びらの長さ": 4.7, "花びらの幅": 1.4}]}"#),
        ("virginica", #"{"features": [{"がく片の長さ": 6.3, "がく片の幅": 3.3, "花びらの長さ": 6.0, "花びらの幅": 2.5}]}"#),
    ]

    /// Bodies the container must answer with 400, and a word its error message must contain.
    static let badBodies: [(body: String, messageContains: String)] = [
        ("{not json", "not valid JSON"),
        (#"{"rows": []}"#, "Expected JSON with 'features' key"),
        (#"[1, 2]"#, "Expected JSON with 'features' key"),
        (#"{"features": []}"#, "no rows"),
        (#"{"features": 3}"#, "list of rows"),
        (#"{"features": [[1.4, 0.2]]}"#, "not an object"),
        (#"{"features": [{"がく片の長さ": 5.1, "花びらの幅": 0.2}]}"#, "has no '花びらの長さ'"),
        (#"{"features": [{"花びらの長さ": 1.4}]}"#, "has no '花びらの幅'"),
        (#"{"features": [{"花びらの長さ": "1.4", "花びらの幅": 0.2}]}"#, "not a number"),
        (#"{"features": [{"花びらの長さ": true, "花びらの幅": 0.2}]}"#, "not a number"),
        (#"{"features": [{"花びらの長さ": null, "花びらの幅": 0.2}]}"#, "not a number"),
        (#"{"features": {"花びらの長さ": [1.4, 4.7], "花びらの幅": [0.2]}}"#, "different lengths"),
    ]
}
