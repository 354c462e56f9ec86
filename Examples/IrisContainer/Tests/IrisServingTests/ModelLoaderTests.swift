import Foundation
import IrisModel
import IrisServing
import Testing

@Suite struct ModelLoaderTests {
    @Test func unpacksModelTarGzAndLeavesTheDirectoryAlone() async throws {
        let directory = try TestModel.directoryWithArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try await ModelLoader.load(fromDirectory: directory)
        #expect(loaded.classifier == (try TestModel.classifier()))
        #expect(loaded.source.lastPathComponent == "model.tar.gz")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.tar.gz"])
    }

    /// The archive the walkthrough uploads in step 1 is one this container serves.
    @Test func servesTheWalkthroughsCommittedModel() async throws {
        let walkthroughResources = TestModel.irisCSV
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AsyncInferenceWalkthrough/Resources")
        let directory = try ModelArchive.makeTemporaryDirectory(prefix: "iris-model-dir")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: walkthroughResources.appendingPathComponent("model.tar.gz"),
            to: directory.appendingPathComponent("model.tar.gz"))
        let loaded = try await ModelLoader.load(fromDirectory: directory)
        let reply = InvocationResponder(classifier: loaded.classifier)
            .reply(to: try Data(contentsOf: walkthroughResources.appendingPathComponent("input_data.json")))
        #expect(String(decoding: reply.body, as: UTF8.self) == #"{"hanabira_prediction":"setosa"}"#)
    }

    @Test func readsAnUnpackedModelJSON() async throws {
        let directory = try ModelArchive.makeTemporaryDirectory(prefix: "iris-model-dir")
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestModel.classifier().modelJSON().write(to: directory.appendingPathComponent("model.json"))
        let loaded = try await ModelLoader.load(fromDirectory: directory)
        #expect(loaded.source.lastPathComponent == "model.json")
    }

    @Test func anEmptyDirectorySaysHowToMakeAModel() async throws {
        let directory = try ModelArchive.makeTemporaryDirectory(prefix: "iris-model-dir")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = await #expect(throws: ModelLoadingError.self) {
            try await ModelLoader.load(fromDirectory: directory)
        }
        #expect(error?.description.contains("iris-container train") == true)
    }

    @Test func aMissingDirectoryNamesSMModelDir() async {
        let error = await #expect(throws: ModelLoadingError.self) {
            try await ModelLoader.load(fromDirectory: URL(fileURLWithPath: "/nonexistent-iris-model"))
        }
        #expect(error?.description.contains("SM_MODEL_DIR") == true)
    }

    @Test func anArchiveWithoutModelJSONIsRejected() async throws {
        let directory = try ModelArchive.makeTemporaryDirectory(prefix: "iris-model-dir")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{}".utf8).write(to: directory.appendingPathComponent("other.json"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-czf", directory.appendingPathComponent("model.tar.gz").path, "-C", directory.path, "other.json"]
        try process.run()
        process.waitUntilExit()
        let error = await #expect(throws: ModelLoadingError.self) {
            try await ModelLoader.load(fromDirectory: directory)
        }
        #expect(error?.description.contains("holds no model.json") == true)
    }
}
