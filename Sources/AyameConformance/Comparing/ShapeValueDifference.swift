import AyameCore
import Foundation

/// The first difference between a decoded value and the case's expected one.
enum ShapeValueDifference {
    static func first(expected: ShapeValue, actual: ShapeValue?, path: String) -> String? {
        guard let actual else { return "\(path): missing, expected \(expected)" }
        switch (expected, actual) {
        case (.structure(let left), .structure(let right)), (.map(let left), .map(let right)):
            for key in Set(left.keys).union(right.keys).sorted() {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                guard let expectedMember = left[key] else { return "\(memberPath): unexpected \(right[key]!)" }
                if let difference = first(expected: expectedMember, actual: right[key], path: memberPath) { return difference }
            }
            return nil
        case (.list(let left), .list(let right)):
            guard left.count == right.count else { return "\(path): \(right.count) elements, expected \(left.count): \(right)" }
            for (index, pair) in zip(left, right).enumerated() {
                if let difference = first(expected: pair.0, actual: pair.1, path: "\(path)[\(index)]") { return difference }
            }
            return nil
        case (.double(let left), .double(let right)):
            return left == right || (left.isNaN && right.isNaN) ? nil : mismatch(path, expected, actual)
        case (.double(let left), .integer(let right)), (.integer(let right), .double(let left)):
            return left == Double(right) ? nil : mismatch(path, expected, actual)
        case (.timestamp(let left), .timestamp(let right)):
            return abs(left.timeIntervalSince1970 - right.timeIntervalSince1970) < 0.0005 ? nil : mismatch(path, expected, actual)
        case (.blob(let left), .string(let right)), (.string(let right), .blob(let left)):
            // A streaming string payload: botocore gives the text, Ayame the same bytes.
            return left == Data(right.utf8) ? nil : mismatch(path, expected, actual)
        default:
            return expected == actual ? nil : mismatch(path, expected, actual)
        }
    }

    private static func mismatch(_ path: String, _ expected: ShapeValue, _ actual: ShapeValue) -> String {
        "\(path.isEmpty ? "output" : path): \(actual), expected \(expected)"
    }
}
