import AyameAsyncInference
import AyameCore
import Foundation
import Testing

/// The message a user sees when `body` fails (its `description`), or `<no error>`.
func errorText(_ body: () async throws -> Void) async -> String {
    do {
        try await body()
        return "<no error>"
    } catch {
        return "\(error)"
    }
}

/// Compares a catalog row's message; a row without an expectation prints the message.
func expectCatalogRow(_ name: String, _ text: String, _ expected: String?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let expected else {
        print("CATALOG\t\(name)\t\(text.replacingOccurrences(of: "\n", with: "\\n"))")
        Issue.record("no expected message for \(name)", sourceLocation: sourceLocation)
        return
    }
    #expect(text == expected, sourceLocation: sourceLocation)
}

extension SpecErrorCatalogTests {
    /// The walkthrough's valid spec with one change.
    func modified(_ change: (inout AsyncEndpointSpec) -> Void) -> AsyncEndpointSpec {
        var spec = SpecValidationTests.walkthrough
        change(&spec)
        return spec
    }
}
