import AyameCore
import Foundation

// ayame-protocol-tests FILE...
// Runs botocore's protocol suites (input/ and output/ JSON files) through Ayame's codecs.
// Prints each failing case with its id and the differences, then `protocol tests: P/N passed`;
// exits 0 only when every applicable case passes.

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments.contains("--help") || arguments.contains("-h") {
    print("usage: ayame-protocol-tests SUITE.json...  (botocore protocol suites, input or output)")
    exit(arguments.isEmpty ? 2 : 0)
}

var report = ConformanceReport()
for path in arguments {
    do {
        try SuiteFileRunner(path: path).run(into: &report)
    } catch {
        print("\(path): \(error)")
        report.fileFailures += 1
    }
}
for (id, reason) in report.notApplicable { print("not applicable: \(id): \(reason)") }
for (id, reason) in report.knownGaps { print("known gap: \(id): \(reason)") }
if !report.notApplicable.isEmpty || !report.knownGaps.isEmpty {
    print("listed, not run: \(report.notApplicable.count) not applicable, \(report.knownGaps.count) known gaps")
}
print("protocol tests: \(report.passed)/\(report.total) passed")
exit(report.passed == report.total && report.fileFailures == 0 ? 0 : 1)
