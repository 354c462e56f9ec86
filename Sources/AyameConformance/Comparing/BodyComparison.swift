import AyameCore

/// Compares a serialized request body with the case's as the suites' README says: JSON as
/// values, XML as trees, query bodies as parameter sets, anything else byte for byte.
enum BodyComparison {
    static func difference(expected: String, actual: [UInt8], wireProtocol: AWSProtocol, mapEntryNames: Set<String>) -> String? {
        let actualText = String(decoding: actual, as: UTF8.self)
        if expected.isEmpty {
            return actual.isEmpty ? nil : "body: \"\(actualText)\", expected none"
        }
        switch wireProtocol {
        case .awsQuery:
            return FormParameters.difference(
                expected: FormParameters.parse(expected), actual: FormParameters.parse(actualText), what: "body")
        case .awsJson1_0, .awsJson1_1, .restJson1:
            guard let expectedJSON = try? SuiteJSONParser.parse(expected) else { break }
            guard let actualJSON = try? SuiteJSONParser.parse(actual) else { return "body: \"\(actualText)\" is not JSON, expected \(expected)" }
            return expectedJSON == actualJSON ? nil : "body: \(actualText), expected \(expected)"
        case .restXml:
            guard expected.drop(while: \.isWhitespace).first == "<", let expectedTree = try? XMLTreeParser.parse(Array(expected.utf8)) else { break }
            let actualTree: XMLTree
            do { actualTree = try XMLTreeParser.parse(actual) } catch { return "body: \"\(actualText)\" is not XML, expected \(expected)" }
            return XMLTree.difference(expected: expectedTree, actual: actualTree, mapEntryNames: mapEntryNames).map { "body \($0)\n    actual:   \(actualText)\n    expected: \(expected)" }
        }
        return actualText == expected ? nil : "body: \"\(actualText)\", expected \"\(expected)\""
    }
}
