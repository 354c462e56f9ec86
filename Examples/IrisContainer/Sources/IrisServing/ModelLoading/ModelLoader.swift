import Foundation
import IrisModel

/// Finds and reads the model in the model directory, as the seed's `serve` script does: a
/// `model.tar.gz` there is unpacked first; otherwise `model.json` is read directly (SageMaker
/// itself unpacks `ModelDataUrl` into `/opt/ml/model`, so that is the usual case on AWS).
public enum ModelLoader {
    /// What was loaded and from where, for the start-up log line.
    public struct LoadedModel: Sendable {
        /// The classifier read from `model.json`.
        public var classifier: IrisClassifier
        /// The file it came from: the archive or the `model.json`.
        public var source: URL
    }

    /// Loads the model from `directory`. The archive is unpacked into a temporary directory,
    /// never over `directory`, which may be read-only; `tar` runs off the cooperative pool.
    public static func load(fromDirectory directory: URL) async throws -> LoadedModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelLoadingError("""
                the model directory \(directory.path) does not exist; put model.tar.gz or model.json there \
                (SageMaker unpacks ModelDataUrl into /opt/ml/model) or point SM_MODEL_DIR at another folder
                """)
        }
        let archive = directory.appendingPathComponent(ModelArchive.fileName)
        if FileManager.default.fileExists(atPath: archive.path) {
            let unpacked = try ModelArchive.makeTemporaryDirectory(prefix: "iris-model")
            defer { try? FileManager.default.removeItem(at: unpacked) }
            do {
                try await ModelArchive.unpackOffPool(archive, into: unpacked)
            } catch {
                throw ModelLoadingError("cannot unpack \(archive.path): \(error); rebuild it with `iris-container train`")
            }
            let modelFile = unpacked.appendingPathComponent(IrisClassifier.modelFileName)
            guard FileManager.default.fileExists(atPath: modelFile.path) else {
                throw ModelLoadingError("\(archive.path) holds no \(IrisClassifier.modelFileName); rebuild it with `iris-container train`")
            }
            return LoadedModel(classifier: try read(modelFile), source: archive)
        }
        let modelFile = directory.appendingPathComponent(IrisClassifier.modelFileName)
        guard FileManager.default.fileExists(atPath: modelFile.path) else {
            throw ModelLoadingError("""
                no model in \(directory.path): expected \(ModelArchive.fileName) or \(IrisClassifier.modelFileName); \
                create one with `iris-container train --data iris.csv --output \(archive.path)`
                """)
        }
        return LoadedModel(classifier: try read(modelFile), source: modelFile)
    }

    private static func read(_ modelFile: URL) throws -> IrisClassifier {
        do {
            return try IrisClassifier(modelJSON: Data(contentsOf: modelFile))
        } catch let error as ModelFileError {
            throw ModelLoadingError("\(modelFile.lastPathComponent): \(error)")
        } catch {
            throw ModelLoadingError("cannot read \(modelFile.path): \(error.localizedDescription)")
        }
    }
}

/// No usable model: `serve` prints this and exits non-zero.
public struct ModelLoadingError: Error, CustomStringConvertible {
    /// What is missing or wrong and what to do.
    public var description: String

    init(_ description: String) { self.description = description }
}
