import Foundation
import IrisModel
import Testing

@Suite struct ModelFileTests {
    let classifier: IrisClassifier

    init() throws {
        classifier = IrisTraining.train(on: try IrisDataset(contentsOf: PackageFiles.irisCSV))
    }

    @Test func readsBackWhatItWrites() throws {
        let read = try IrisClassifier(modelJSON: classifier.modelJSON())
        #expect(read == classifier)
    }

    @Test func namesFeaturesAndClassesInTheFile() throws {
        let json = try #require(String(data: classifier.modelJSON(), encoding: .utf8))
        #expect(json.contains(#""format" : "ayame-iris-decision-tree""#))
        #expect(json.contains(#""version" : 1"#))
        #expect(json.contains(#""feature" : "花びらの長さ""#))
        #expect(json.contains(#""class" : "setosa""#))
        #expect(json.contains(#""accuracy" : 0.9733"#))
    }

    @Test func rejectsAnotherFormat() {
        expectRejection(#"{"format":"sklearn","version":1,"features":[],"classes":[],"tree":{},"training":{}}"#, mentioning: "format")
    }

    @Test func rejectsANewerVersion() throws {
        let json = try String(decoding: classifier.modelJSON(), as: UTF8.self)
            .replacingOccurrences(of: #""version" : 1"#, with: #""version" : 2"#)
        expectRejection(json, mentioning: "version 2")
    }

    @Test func rejectsATreeThatSplitsOnAnUndeclaredFeature() throws {
        let json = try String(decoding: classifier.modelJSON(), as: UTF8.self)
            .replacingOccurrences(of: #""feature" : "花びらの幅""#, with: #""feature" : "がく片の幅""#)
        expectRejection(json, mentioning: "がく片の幅")
    }

    @Test func rejectsALeafWithAnUnknownClass() throws {
        let json = try String(decoding: classifier.modelJSON(), as: UTF8.self)
            .replacingOccurrences(of: #""class" : "setosa""#, with: #""class" : "rose""#)
        expectRejection(json, mentioning: "rose")
    }

    @Test func rejectsSomethingThatIsNotAModel() {
        expectRejection("[1, 2]", mentioning: "iris-container train")
    }

    private func expectRejection(_ json: String, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: ModelFileError.self, sourceLocation: sourceLocation) {
            try IrisClassifier(modelJSON: Data(json.utf8))
        }
        #expect(error?.description.contains(text) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    }
}
