import Foundation
import Testing

@testable import AyameCodegen

@Suite struct NamingTests {
    @Test(arguments: [
        ("EndpointName", "endpointName"), ("ACL", "acl"), ("ETag", "eTag"), ("SSECustomerKey", "sseCustomerKey"),
        ("ml.m5.large", "mlM5Large"), ("IN_SERVICE", "inService"), ("aws:kms", "awsKms"), ("2xlarge", "_2xlarge"),
        ("repositoryName", "repositoryName"), ("VolumeSizeInGB", "volumeSizeInGb"), ("sagemaker:variant:DesiredInstanceCount",
        "sagemakerVariantDesiredInstanceCount"),
    ])
    func lowerCamel(name: String, expected: String) {
        #expect(Naming.lowerCamel(name) == expected)
    }

    @Test func keywordsAreEscapedAndRepeatsNumbered() {
        #expect(Naming.escaped("protocol") == "`protocol`")
        #expect(Naming.escaped("type") == "type")
        #expect(Naming.unique(["a", "b", "a", "a"]) == ["a", "b", "a2", "a3"])
    }

    @Test func stringLiteralsEscape() {
        #expect(Naming.literal("a\"b\\c\n") == #""a\"b\\c\n""#)
    }
}

@Suite struct JSONTests {
    @Test func membersKeepModelOrderAndOtherKeysSort() throws {
        let text = #"{"shapes":{"B":{"type":"structure","members":{"Zeta":{"shape":"S"},"Alpha":{"shape":"S"}}},"A":{"type":"string"}}}"#
        let printed = JSONPrinter.print(try JSONParser.parse(Data(text.utf8)))
        #expect(printed.range(of: "\"A\"")!.lowerBound < printed.range(of: "\"B\"")!.lowerBound)
        #expect(printed.range(of: "Zeta")!.lowerBound < printed.range(of: "Alpha")!.lowerBound)
    }

    @Test func vendoringDropsProseOnly() throws {
        let text = #"{"documentation":"prose","shapes":{"S":{"type":"string","min":1,"documentation":"more","pattern":"^a\u00e9$"}}}"#
        let stripped = Vendor.strip(try JSONParser.parse(Data(text.utf8)))
        #expect(stripped["documentation"] == nil)
        #expect(stripped["shapes"]?["S"]?["documentation"] == nil)
        #expect(stripped["shapes"]?["S"]?["min"]?.numberText == "1")
        #expect(stripped["shapes"]?["S"]?["pattern"]?.stringValue == "^aé$")
    }
}
