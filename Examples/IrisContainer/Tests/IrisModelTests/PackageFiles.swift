import Foundation

/// Files of this package, found from this source file so tests run from any working directory.
enum PackageFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let irisCSV = root.appendingPathComponent("Data/iris.csv")
}
