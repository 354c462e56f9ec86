import Foundation

/// Finds `Tests/TestData` by walking up from this source file to the package root, so tests do
/// not depend on the working directory or on SwiftPM resources.
enum TestData {
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.appendingPathComponent("Tests/TestData")
            }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }

    static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(relativePath)))
    }

    static func list(_ relativePath: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(relativePath).path)) ?? []).sorted()
    }
}
