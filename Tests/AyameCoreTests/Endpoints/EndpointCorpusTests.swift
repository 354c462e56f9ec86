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

    /// Every case against the embedded partitions. The 32 partition-drift cases keep their
    /// exact assertions but are reported as known issues; if one starts passing, the known
    /// issue goes unrecorded and the test fails, so the list cannot go stale silently.
    @Test("Each case resolves exactly as expected", arguments: EndpointTestCorpus.cases)
    func resolves(_ testCase: EndpointTestCase) throws {
        let ruleSet = try #require(EndpointTestCorpus.ruleSets[testCase.service])
        if EndpointPartitionDrift.isAffected(testCase) {
            withKnownIssue(EndpointPartitionDrift.explanation) {
                Self.check(testCase, against: ruleSet)
            }
        } else {
            Self.check(testCase, against: ruleSet)
        }
    }

    /// The drift cases pass exactly once the two drifted partition fields are as the cases
    /// assume, which shows the engine, not the data, is what the cases exercise.
    @Test(
        "Partition-drift cases pass with the corpus-era ISO dual-stack flags",
        arguments: EndpointTestCorpus.cases.filter(EndpointPartitionDrift.isAffected)
    )
    func driftCaseWithCorpusEraPartitions(_ testCase: EndpointTestCase) throws {
        let data = try #require(EndpointTestCorpus.ruleSetData[testCase.service])
        let ruleSet = try EndpointRuleSet(data: data, partitions: EndpointPartitionDrift.partitionsAsOfCorpus)
        Self.check(testCase, against: ruleSet)
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
