import AyameCore
import Foundation
import Testing

@Suite("Malformed rule sets")
struct MalformedRuleSetTests {
    static let endpoint = #""endpoint": {"url": "https://x"}"#

    @Test("Rejected while parsing, before any resolution", arguments: [
        ("not JSON", "{"),
        ("no rules", #"{"parameters": {}}"#),
        ("no parameters", #"{"rules": []}"#),
        ("unknown parameter type", #"{"parameters": {"P": {"type": "Integer"}}, "rules": []}"#),
        ("default of the wrong type", #"{"parameters": {"P": {"type": "Boolean", "default": "no"}}, "rules": []}"#),
        ("unknown rule type", #"{"parameters": {}, "rules": [{"type": "magic", "conditions": []}]}"#),
        ("endpoint rule without endpoint", #"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": []}]}"#),
        ("tree rule without subrules", #"{"parameters": {}, "rules": [{"type": "tree", "conditions": [], "rules": []}]}"#),
        ("unknown function", #"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": [{"fn": "frobnicate", "argv": []}], \#(endpoint)}]}"#),
        ("wrong argument count", #"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": []}], \#(endpoint)}]}"#),
        ("undefined reference", #"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}], \#(endpoint)}]}"#),
        ("undefined template variable", #"{"parameters": {}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Nope}"}}]}"#),
        ("unterminated template", #"{"parameters": {"R": {"type": "String"}}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{R"}}]}"#),
        ("bad attribute path", #"{"parameters": {"R": {"type": "String"}}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{R#a[x]}"}}]}"#),
        ("non-literal getAttr path", #"{"parameters": {"R": {"type": "String"}}, "rules": [{"type": "endpoint", "conditions": [{"fn": "getAttr", "argv": [{"ref": "R"}, {"ref": "R"}]}], \#(endpoint)}]}"#),
        ("assign shadows a parameter", #"{"parameters": {"R": {"type": "String"}}, "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "R"}], "assign": "R"}], \#(endpoint)}]}"#),
        ("assigned name used outside its rule", #"{"parameters": {"R": {"type": "String"}}, "rules": [{"type": "endpoint", "conditions": [{"fn": "parseURL", "argv": [{"ref": "R"}], "assign": "u"}], \#(endpoint)}, {"type": "endpoint", "conditions": [], "endpoint": {"url": "{u#scheme}"}}]}"#),
        ("null literal", #"{"parameters": {}, "rules": [{"type": "error", "conditions": [], "error": null}]}"#),
    ])
    func rejected(_ label: String, _ document: String) {
        do {
            _ = try EndpointRuleSet(data: Data(document.utf8))
            Issue.record("\(label): parsed without error")
        } catch {
            guard case .malformedRuleSet = error else {
                Issue.record("\(label): expected malformedRuleSet, got \(error)")
                return
            }
        }
    }

    @Test("Error descriptions name the offending location")
    func errorLocation() {
        let document = #"{"parameters": {}, "rules": [{"type": "tree", "conditions": [], "rules": [{"type": "endpoint", "conditions": [{"fn": "nope", "argv": []}], \#(Self.endpoint)}]}]}"#
        #expect(throws: EndpointError.malformedRuleSet(reason: "rules[0].rules[0].conditions[0]: unknown function 'nope'")) {
            try EndpointRuleSet(data: Data(document.utf8))
        }
    }

    @Test("Shape errors found during evaluation are reported, not crashed on")
    func evaluationFailure() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"""
            {"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "UseFIPS"}, "x"]}],
             "endpoint": {"url": "https://x"}}
            """#)
        #expect(throws: EndpointError.self) { try ruleSet.resolve([:]) }
        do {
            _ = try ruleSet.resolve([:])
        } catch {
            guard case .evaluationFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }
}
