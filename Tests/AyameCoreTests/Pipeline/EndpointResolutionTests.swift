@testable import AyameCore
import Foundation
import Testing

/// How the pipeline fills endpoint rule parameters from configuration and input.
@Suite struct EndpointResolutionTests {
    static func configuration(endpoint: String?, addressing: S3AddressingStyle? = nil) throws -> ClientConfiguration {
        try ClientConfiguration.resolve(
            service: .s3,
            overrides: ClientConfigurationOverrides(region: "ap-northeast-1", endpointURL: endpoint, s3AddressingStyle: addressing),
            environment: AWSEnvironment(["AWS_CONFIG_FILE": "/nonexistent/c", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/k"]))
    }

    static func url(endpoint: String?, bucket: String, addressing: S3AddressingStyle? = nil) throws -> String {
        let ruleSet = try EndpointRuleSet(data: EndpointTestCorpusRuleSets.data("s3"))
        let service = ServiceDescriptor(
            serviceID: .s3, signingName: "s3", apiVersion: "2006-03-01", wireProtocol: .restXml, endpointRuleSet: { ruleSet })
        return try RuleSetEndpointResolver().resolveEndpoint(
            service: service, operation: S3Models.getObject,
            input: .structure(["Bucket": .string(bucket), "Key": .string("k")]),
            configuration: configuration(endpoint: endpoint, addressing: addressing)
        ).url
    }

    @Test func s3UsesPathStyleWhereVirtualHostingCannotWork() throws {
        #expect(try Self.url(endpoint: "http://127.0.0.1:5000", bucket: "tutorial") == "http://127.0.0.1:5000/tutorial")
        #expect(try Self.url(endpoint: "http://localhost:4566", bucket: "tutorial") == "http://localhost:4566/tutorial")
        #expect(try Self.url(endpoint: nil, bucket: "my.dotted.bucket") == "https://s3.ap-northeast-1.amazonaws.com/my.dotted.bucket")
    }

    @Test func s3UsesVirtualHostsOtherwiseOrWhenAskedTo() throws {
        #expect(try Self.url(endpoint: nil, bucket: "tutorial") == "https://tutorial.s3.ap-northeast-1.amazonaws.com")
        #expect(try Self.url(endpoint: "http://localhost:4566", bucket: "tutorial", addressing: .virtual) == "http://tutorial.localhost:4566")
        #expect(try Self.url(endpoint: nil, bucket: "tutorial", addressing: .path) == "https://s3.ap-northeast-1.amazonaws.com/tutorial")
    }

    // S3 passes every object's key to the rules, which never read it: objects of one bucket
    // share one remembered endpoint instead of each evaluating the rule set again.
    @Test("the endpoint memory is keyed by what the rules read, so an object key does not miss")
    func objectKeysShareOneRememberedEndpoint() throws {
        let ruleSet = try EndpointRuleSet(data: EndpointTestCorpusRuleSets.data("s3"))
        #expect(ruleSet.readParameterNames.isSuperset(of: ["Bucket", "Region", "Endpoint", "ForcePathStyle", "UseFIPS"]))
        #expect(ruleSet.readParameterNames.isDisjoint(with: ["Key", "Prefix", "CopySource"]))
        let service = ServiceDescriptor(
            serviceID: .s3, signingName: "s3", apiVersion: "2006-03-01", wireProtocol: .restXml, endpointRuleSet: { ruleSet })
        let resolver = RuleSetEndpointResolver()
        let configuration = try Self.configuration(endpoint: nil)
        for key in ["a", "b/c", "d.json"] {
            let resolved = try resolver.resolveEndpoint(
                service: service, operation: S3Models.getObject,
                input: .structure(["Bucket": .string("tutorial"), "Key": .string(key)]), configuration: configuration)
            #expect(resolved.url == "https://tutorial.s3.ap-northeast-1.amazonaws.com")
        }
        #expect(resolver.resolved.count == 1)
        _ = try resolver.resolveEndpoint(
            service: service, operation: S3Models.getObject,
            input: .structure(["Bucket": .string("other"), "Key": .string("a")]), configuration: configuration)
        #expect(resolver.resolved.count == 2)
    }

    @Test("a parameter counts as read through a reference, a template, a function argument or getAttr")
    func readParametersAreFoundWhereverTheRulesUseThem() throws {
        let document = """
            {"version": "1.0",
             "parameters": {"Unused": {"type": "String"}, "InCondition": {"type": "String"}, "InTemplate": {"type": "String"},
                            "InAttribute": {"type": "String"}, "InHeader": {"type": "String"}, "InError": {"type": "String"}},
             "rules": [
               {"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "InError"}]}], "error": "no: {InError}"},
               {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "InCondition"}]},
                                                   {"fn": "parseURL", "argv": [{"ref": "InAttribute"}], "assign": "url"},
                                                   {"fn": "isSet", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "scheme"]}]}],
                "endpoint": {"url": "https://{InTemplate}.example.com", "headers": {"x-h": ["{InHeader}"]}}},
               {"type": "error", "conditions": [], "error": "nothing matched"}]}
            """
        let ruleSet = try EndpointRuleSet(data: Data(document.utf8))
        #expect(ruleSet.readParameterNames == ["InCondition", "InTemplate", "InAttribute", "InHeader", "InError"])
    }

    // One resolver remembers what it resolved; everything the rules read is part of the key,
    // so a different bucket, endpoint or addressing style is never answered from memory.
    @Test func oneResolverAnswersEachCombinationOfInputsAsAFreshOneWould() throws {
        let ruleSet = try EndpointRuleSet(data: EndpointTestCorpusRuleSets.data("s3"))
        let service = ServiceDescriptor(
            serviceID: .s3, signingName: "s3", apiVersion: "2006-03-01", wireProtocol: .restXml, endpointRuleSet: { ruleSet })
        let resolver = RuleSetEndpointResolver()
        let cases: [(String?, String, S3AddressingStyle?, String)] = [
            (nil, "tutorial", nil, "https://tutorial.s3.ap-northeast-1.amazonaws.com"),
            (nil, "other", nil, "https://other.s3.ap-northeast-1.amazonaws.com"),
            (nil, "tutorial", .path, "https://s3.ap-northeast-1.amazonaws.com/tutorial"),
            ("http://localhost:4566", "tutorial", nil, "http://localhost:4566/tutorial"),
            ("http://localhost:4566", "tutorial", .virtual, "http://tutorial.localhost:4566"),
        ]
        for _ in 0..<2 {
            for (endpoint, bucket, addressing, expected) in cases {
                let resolved = try resolver.resolveEndpoint(
                    service: service, operation: S3Models.getObject,
                    input: .structure(["Bucket": .string(bucket), "Key": .string("k")]),
                    configuration: Self.configuration(endpoint: endpoint, addressing: addressing))
                #expect(resolved.url == expected)
            }
        }
    }

    @Test func theSigningNameAndRegionComeFromTheRules() throws {
        let ruleSet = try EndpointRuleSet(data: EndpointTestCorpusRuleSets.data("s3"))
        let service = ServiceDescriptor(
            serviceID: .s3, signingName: "s3", apiVersion: "2006-03-01", wireProtocol: .restXml, endpointRuleSet: { ruleSet })
        let endpoint = try RuleSetEndpointResolver().resolveEndpoint(
            service: service, operation: S3Models.getObject,
            input: .structure(["Bucket": .string("tutorial"), "Key": .string("k")]),
            configuration: Self.configuration(endpoint: nil))
        #expect(endpoint.signingName == "s3")
        #expect(endpoint.signingRegion == "ap-northeast-1")
        #expect(endpoint.usesS3SigningRules)
    }
}
