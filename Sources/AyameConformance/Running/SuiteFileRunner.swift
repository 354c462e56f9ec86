import AyameCore
import Foundation

/// What the run found, case by case.
struct ConformanceReport {
    var passed = 0
    var total = 0
    var notApplicable: [(id: String, reason: String)] = []
    var knownGaps: [(id: String, reason: String)] = []
    var fileFailures = 0
}

/// Runs every case of one suite file (a list of suites, each with its own model).
struct SuiteFileRunner {
    let path: String

    /// Long bodies (request compression cases carry 8 KB) are cut so the report stays readable.
    static func shortened(_ text: String) -> String {
        text.count <= 600 ? text : text.prefix(600) + "… (\(text.count) characters)"
    }

    func run(into report: inout ConformanceReport) throws(ConformanceFailure) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConformanceFailure("cannot read the file") }
        let suites: [SuiteJSON]
        do { suites = try SuiteJSONParser.parse(Array(data)).array ?? [] } catch { throw ConformanceFailure("\(error)") }
        for suite in suites {
            let model = SuiteModel(metadata: suite["metadata"] ?? .object([]), shapes: suite["shapes"] ?? .object([]),
                                   clientEndpoint: suite["clientEndpoint"]?.string)
            guard let wireProtocol = model.wireProtocol else { throw ConformanceFailure("unknown protocol \(model.metadata)") }
            for testCase in suite["cases"]?.array ?? [] {
                let id = testCase["id"]?.string ?? "(no id)"
                let isInput = testCase["serialized"] != nil
                if isInput, let reason = NotApplicableCases.reasons[id] {
                    report.notApplicable.append((id, reason))
                    continue
                }
                if isInput, let reason = NotApplicableCases.knownGaps[id] {
                    report.knownGaps.append((id, reason))
                    continue
                }
                report.total += 1
                var differences: [String]
                do {
                    if isInput {
                        differences = try InputCaseRunner(model: model, wireProtocol: wireProtocol).run(testCase)
                    } else {
                        differences = try OutputCaseRunner(model: model, wireProtocol: wireProtocol).run(testCase)
                    }
                } catch {
                    differences = ["the case could not be run: \(error)"]
                }
                if differences.isEmpty {
                    report.passed += 1
                } else {
                    print("FAIL \(id) (\((path as NSString).lastPathComponent), \(wireProtocol.rawValue))")
                    for difference in differences { print("    \(Self.shortened(difference))") }
                }
            }
        }
    }
}
