import AyameCore
import Testing

@Suite("Official endpoint test cases")
struct EndpointCorpusTests {
    @Test("The corpus holds all nine services and 746 cases")
    func corpusIsComplete() {
        #expect(EndpointTestCorpus.ruleSets.count == 9)
        #expect(EndpointTestCorpus.cases.count == 746)
        #expect(EndpointPartitionDrift.caseIDs.count == 32)
    }

    /// Every case against the rule set stored beside it, evaluated with the partition data of
    /// the cases' time. botocore 1.43.11's partitions (the ones Ayame embeds) later gave
    /// `aws-iso` and `aws-iso-b` dual-stack support, which changes 32 expectations; exactly those
    /// two flags are put back (see `EndpointPartitionDrift`), and the test below pins the
    /// current behaviour.
    @Test("Each case resolves exactly as expected", arguments: EndpointTestCorpus.cases)
    func resolves(_ testCase: EndpointTestCase) throws {
        let ruleSet = try #require(EndpointPartitionDrift.corpusEraRuleSets[testCase.service])
        Self.check(testCase, against: ruleSet)
    }

    /// The same cases with the embedded partitions differ exactly in the drift cases.
    @Test("Only the partition-drift cases change with the embedded partitions", arguments: EndpointTestCorpus.cases)
    func driftIsConfinedToTheKnownCases(_ testCase: EndpointTestCase) throws {
        let current = try #require(EndpointTestCorpus.ruleSets[testCase.service])
        let corpusEra = try #require(EndpointPartitionDrift.corpusEraRuleSets[testCase.service])
        let now = Result { () throws(EndpointError) in try current.resolve(testCase.parameters) }
        let then = Result { () throws(EndpointError) in try corpusEra.resolve(testCase.parameters) }
        #expect(Self.sameOutcome(now, then) == !EndpointPartitionDrift.isAffected(testCase), testCase.details)
    }

    static func sameOutcome(_ a: Result<EndpointResult, EndpointError>, _ b: Result<EndpointResult, EndpointError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): return x.url == y.url && x.headers == y.headers && x.properties == y.properties
        case (.failure(let x), .failure(let y)): return x == y
        default: return false
        }
    }

    @Test("With current partitions the ISO partitions resolve dual-stack endpoints")
    func currentPartitionsSupportISODualStack() throws {
        let ruleSet = try #require(EndpointTestCorpus.ruleSets["sts"])
        let result = try ruleSet.resolve(["Region": "us-iso-east-1", "UseDualStack": true, "UseFIPS": false])
        #expect(result.url == "https://sts.us-iso-east-1.api.aws.ic.gov")
        let isob = try ruleSet.resolve(["Region": "us-isob-east-1", "UseDualStack": true, "UseFIPS": false])
        #expect(isob.url == "https://sts.us-isob-east-1.api.aws.scloud")
    }

    static func check(_ testCase: EndpointTestCase, against ruleSet: EndpointRuleSet) {
        let outcome = Result { () throws(EndpointError) in try ruleSet.resolve(testCase.parameters) }
        switch (testCase.expectation, outcome) {
        case (.endpoint(let url, let headers, let properties), .success(let result)):
            #expect(result.url == url, testCase.details)
            #expect(result.headers == headers, testCase.details)
            #expect(result.properties == properties, testCase.details)
        case (.endpoint(let url, _, _), .failure(let error)):
            Issue.record("expected \(url), got error \(error) — \(testCase.details)")
        case (.error(let message), .failure(let error)):
            #expect(error == .ruleError(message: message), testCase.details)
        case (.error(let message), .success(let result)):
            Issue.record("expected error \"\(message)\", got \(result.url) — \(testCase.details)")
        }
    }
}
