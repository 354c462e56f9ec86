@testable import AyameCore
import Foundation
import Testing

@Suite("AWS rules functions")
struct AWSFunctionTests {
    @Test("parseArn splits the resource on both ':' and '/'")
    func parseArnResource() throws {
        let arn = try #require(RulesLibrary.parseArn("arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap"))
        #expect(arn == [
            "partition": "aws", "service": "s3", "region": "us-west-2", "accountId": "123456789012",
            "resourceId": ["accesspoint", "my-ap"],
        ])
        let outpost = try #require(RulesLibrary.parseArn("arn:aws:s3-outposts:us-west-2:123:outpost:op-01:accesspoint:reports"))
        #expect(outpost["resourceId"] == ["outpost", "op-01", "accesspoint", "reports"])
        let mixed = try #require(RulesLibrary.parseArn("arn:aws:iam::123:role/path/name:qualifier"))
        #expect(mixed["resourceId"] == ["role", "path", "name", "qualifier"])
    }

    @Test("parseArn allows empty region and account")
    func parseArnEmptyFields() throws {
        let bucket = try #require(RulesLibrary.parseArn("arn:aws:s3:::bucket"))
        #expect(bucket["region"] == "" && bucket["accountId"] == "" && bucket["resourceId"] == ["bucket"])
    }

    @Test("parseArn is unset for non-ARNs", arguments: [
        "", "arn", "arn:aws:s3", "arn:aws:s3:us-east-1:123", "arn:aws:s3:us-east-1:123:", "arn::s3:r:a:res",
        "arn:aws::r:a:res", "nra:aws:s3:r:a:res", "bucket-name",
    ])
    func parseArnUnset(_ input: String) {
        #expect(RulesLibrary.parseArn(input) == nil)
    }

    @Test("Virtual-hostable bucket names", arguments: [
        ("bucket", false, true), ("my-bucket-1", false, true), ("abc", false, true),
        ("ab", false, false), (String(repeating: "a", count: 64), false, false),
        ("Bucket", false, false), ("bucket-", false, false), ("-bucket", false, false), ("buck_et", false, false),
        ("my.bucket", false, false), ("my.bucket", true, true), ("a.b.c", true, true),
        ("my..bucket", true, false), ("my.-bucket", true, false), ("my-.bucket", true, false), ("bucket.", true, false),
        ("192.168.1.1", true, false), ("192.168.1.1a", true, true),
    ])
    func virtualHostable(_ name: String, _ allowSubDomains: Bool, _ expected: Bool) {
        #expect(RulesLibrary.isVirtualHostableS3Bucket(name, allowSubDomains: allowSubDomains) == expected)
    }

    @Test("Partitions: exact region, then pattern, then the aws default")
    func partitionLookup() {
        let partitions = EndpointPartitions.bundled
        #expect(partitions.partition(forRegion: "us-east-1").name == "aws")
        #expect(partitions.partition(forRegion: "aws-global").name == "aws")
        #expect(partitions.partition(forRegion: "cn-north-1").dnsSuffix == "amazonaws.com.cn")
        #expect(partitions.partition(forRegion: "us-gov-west-1").name == "aws-us-gov")
        // Not listed as a region, so the pattern decides.
        #expect(partitions.partition(forRegion: "us-gov-south-9").name == "aws-us-gov")
        #expect(partitions.partition(forRegion: "us-isob-north-7").name == "aws-iso-b")
        #expect(partitions.partition(forRegion: "eu-north-9").name == "aws")
        #expect(partitions.partition(forRegion: "mars-east-1").name == "aws")
        #expect(partitions.partition(forRegion: "").name == "aws")
    }

    @Test("Partition outputs carry every field rules read")
    func partitionOutputs() {
        let aws = EndpointPartitions.bundled.partition(forRegion: "ap-northeast-1")
        #expect(aws.dualStackDnsSuffix == "api.aws")
        #expect(aws.supportsFIPS && aws.supportsDualStack)
        #expect(aws.implicitGlobalRegion == "us-east-1")
        #expect(aws.value["name"] == "aws")
    }

    @Test("Region entries can override partition outputs")
    func regionOverrides() throws {
        let document = """
            {"partitions": [{"id": "p", "regionRegex": "^p-\\\\w+$",
              "outputs": {"name": "p", "dnsSuffix": "p.example", "supportsFIPS": true},
              "regions": {"p-special": {"description": "x", "supportsFIPS": false}}}]}
            """
        let partitions = try EndpointPartitions(data: Data(document.utf8))
        #expect(partitions.partition(forRegion: "p-special").supportsFIPS == false)
        #expect(partitions.partition(forRegion: "p-other").supportsFIPS == true)
        #expect(partitions.partition(forRegion: "zzz").name == "p")
    }

    @Test("Malformed partitions documents are rejected")
    func malformedPartitions() {
        for document in ["[]", "{}", #"{"partitions": []}"#, #"{"partitions": [{"id": "x"}]}"#,
                         #"{"partitions": [{"id": "x", "outputs": {}, "regionRegex": "("}]}"#] {
            #expect(throws: EndpointError.self) { try EndpointPartitions(data: Data(document.utf8)) }
        }
    }
}
