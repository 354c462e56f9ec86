import Foundation
import IrisModel
import Testing

@Suite struct ModelArchiveTests {
    @Test func packingTwiceGivesTheSameBytesAndUnpacksToModelJSON() throws {
        let classifier = IrisTraining.train(on: try IrisDataset(contentsOf: PackageFiles.irisCSV))
        let json = try classifier.modelJSON()
        let folder = try ModelArchive.makeTemporaryDirectory(prefix: "iris-archive-test")
        defer { try? FileManager.default.removeItem(at: folder) }

        let first = folder.appendingPathComponent("first.tar.gz"), second = folder.appendingPathComponent("second.tar.gz")
        try ModelArchive.pack(modelJSON: json, to: first)
        try ModelArchive.pack(modelJSON: json, to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))

        // Packing over an existing archive replaces it.
        try ModelArchive.pack(modelJSON: json, to: first)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))

        let unpacked = folder.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        try ModelArchive.unpack(first, into: unpacked)
        #expect(try FileManager.default.contentsOfDirectory(atPath: unpacked.path) == ["model.json"])
        #expect(try Data(contentsOf: unpacked.appendingPathComponent("model.json")) == json)
    }

    @Test func unpackingSomethingElseSaysWhatFailed() throws {
        let folder = try ModelArchive.makeTemporaryDirectory(prefix: "iris-archive-test")
        defer { try? FileManager.default.removeItem(at: folder) }
        let notAnArchive = folder.appendingPathComponent("model.tar.gz")
        try Data("not gzip".utf8).write(to: notAnArchive)
        let error = #expect(throws: ModelArchiveError.self) {
            try ModelArchive.unpack(notAnArchive, into: folder)
        }
        #expect(error?.description.contains("tar -xzf") == true)
    }

    @Test func packingIntoAMissingFolderSaysSo() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-iris-folder/model.tar.gz")
        #expect(throws: (any Error).self) {
            try ModelArchive.pack(modelJSON: Data("{}".utf8), to: missing)
        }
    }
}
