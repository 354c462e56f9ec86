import AyameCore
import Foundation
import Testing

@Suite("Rule evaluation")
struct RuleEngineTests {
    @Test("Templates, getAttr paths, assign, headers and properties")
    func endpointRule() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"""
            {"type": "endpoint",
             "conditions": [
               {"fn": "isSet", "argv": [{"ref": "Region"}]},
               {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
               {"fn": "aws.parseArn", "argv": ["arn:aws:svc:{Region}:123:thing/{p#name}"], "assign": "arn"}
             ],
             "endpoint": {
               "url": "https://{arn#resourceId[1]}.{Region}.{p#dnsSuffix}/{{literal}}",
               "headers": {"x-tag": [{"fn": "getAttr", "argv": [{"ref": "Tags"}, "[1]"]}, "{arn#accountId}"]},
               "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc",
                                               "signingRegion": "{Region}", "disableDoubleEncoding": true}],
                              "count": 3}
             }}
            """#)
        let result = try ruleSet.resolve([:], builtIns: [.region: "eu-west-1"])
        #expect(result.url == "https://aws.eu-west-1.amazonaws.com/{literal}")
        #expect(result.headers == ["x-tag": ["b", "123"]])
        #expect(result.properties["count"] == 3)
        #expect(result.authSchemes == [EndpointAuthScheme(value: [
            "name": "sigv4", "signingName": "svc", "signingRegion": "eu-west-1", "disableDoubleEncoding": true,
        ])!])
        #expect(result.authSchemes.first?.signingRegion == "eu-west-1")
    }

    @Test("Error rules surface their evaluated message")
    func errorRule() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"""
            {"type": "error", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
             "error": "FIPS is not supported in {Region}"},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://example.com"}}
            """#)
        #expect(throws: EndpointError.ruleError(message: "FIPS is not supported in eu-west-1")) {
            try ruleSet.resolve(["Region": "eu-west-1", "UseFIPS": true])
        }
        #expect(try ruleSet.resolve(["Region": "eu-west-1"]).url == "https://example.com")
    }

    @Test("Tree rules are terminal once their conditions hold")
    func treeRuleIsTerminal() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"""
            {"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
             "rules": [{"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "a"]}],
                        "endpoint": {"url": "https://a.example"}}]},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://fallback.example"}}
            """#)
        #expect(try ruleSet.resolve(["Region": "a"]).url == "https://a.example")
        #expect(try ruleSet.resolve([:]).url == "https://fallback.example")
        #expect(throws: EndpointError.noMatchingRule) { try ruleSet.resolve(["Region": "b"]) }
    }

    @Test("Unset and false conditions fail; other values pass")
    func conditionTruthiness() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"""
            {"type": "endpoint", "conditions": [{"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, false], "assign": "s"}],
             "endpoint": {"url": "https://{s}.example"}},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://none.example"}}
            """#)
        #expect(try ruleSet.resolve(["Region": "eu-west-1"]).url == "https://eu.example")
        #expect(try ruleSet.resolve(["Region": "e"]).url == "https://none.example")
        #expect(try ruleSet.resolve([:]).url == "https://none.example")
    }

    @Test("Parameters: explicit value beats built-in beats default; required and types are enforced")
    func parameterFilling() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"""
            {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
             "endpoint": {"url": "https://fips.example"}},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://plain.example"}}
            """#, parameters: #""UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true}"#)
        #expect(try ruleSet.resolve([:], builtIns: [.useFIPS: true]).url == "https://fips.example")
        #expect(try ruleSet.resolve(["UseFIPS": false], builtIns: [.useFIPS: true]).url == "https://plain.example")
        #expect(throws: EndpointError.missingRequiredParameter(name: "UseFIPS")) { try ruleSet.resolve([:]) }
        #expect(throws: EndpointError.invalidParameterValue(name: "UseFIPS", expected: .boolean)) {
            try ruleSet.resolve(["UseFIPS": "yes"])
        }
        #expect(ruleSet.parameter(forBuiltIn: .useFIPS)?.name == "UseFIPS")
        #expect(ruleSet.parameter(forBuiltIn: .region) == nil)
    }

    @Test("Parameter metadata is exposed")
    func parameterMetadata() throws {
        let ruleSet = try RuleSetFixtures.ruleSet(rules: #"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://x"}}"#)
        #expect(ruleSet.version == "1.0")
        #expect(ruleSet.parameters.map(\.name) == ["Region", "Tags", "UseFIPS"])
        let fips = try #require(ruleSet.parameters.last)
        #expect(fips.type == .boolean && fips.isRequired && fips.defaultValue == false && fips.builtIn == .useFIPS)
        #expect(ruleSet.parameters[1].type == .stringArray && ruleSet.parameters[1].defaultValue == ["a", "b"])
    }
}
