import AyameCore
import Foundation

/// Builds small rule-set documents for engine tests.
enum RuleSetFixtures {
    static let standardParameters = """
        "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
        "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "Tags": {"type": "StringArray", "required": false, "default": ["a", "b"]}
        """

    /// A rule set with the standard parameters and the given rules (a JSON array body).
    static func ruleSet(rules: String, parameters: String = standardParameters) throws -> EndpointRuleSet {
        try EndpointRuleSet(data: document(rules: rules, parameters: parameters))
    }

    static func document(rules: String, parameters: String = standardParameters) -> Data {
        Data(#"{"version": "1.0", "parameters": {\#(parameters)}, "rules": [\#(rules)]}"#.utf8)
    }
}
