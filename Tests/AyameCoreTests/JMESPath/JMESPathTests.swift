import AyameCore
import Foundation
import Testing

/// The JMESPath subset over shape values, including every expression the AWS paginator and
/// waiter models of Ayame's services use.
@Suite struct JMESPathTests {
    static let endpoints: ShapeValue = .structure([
        "EndpointStatus": .string("InService"),
        "Endpoints": .list([
            .structure(["EndpointName": .string("a"), "Status": .string("InService"), "Size": .integer(2)]),
            .structure(["EndpointName": .string("b"), "Status": .string("Failed"), "Size": .integer(5)]),
            .structure(["EndpointName": .string("c"), "Status": .string("InService")]),
        ]),
        "Contents": .list([.structure(["Key": .string("k1")]), .structure(["Key": .string("k2")])]),
        "Nested": .list([.list([.integer(1), .integer(2)]), .integer(3), .list([.list([.integer(4)])])]),
        "imageScanStatus": .structure(["status": .string("COMPLETE")]),
        "Tags": .map(["env": .string("prod"), "team": .string("ml")]),
        "Doc": .document(.object(["x": .array([.number(1), .null, .string("y")])])),
        "Empty": .list([]),
    ])

    func search(_ text: String, in value: ShapeValue = endpoints) throws -> ShapeValue? {
        try JMESPathExpression(text).search(value)
    }

    @Test func identifiersAndSubexpressions() throws {
        #expect(try search("EndpointStatus") == .string("InService"))
        #expect(try search("imageScanStatus.status") == .string("COMPLETE"))
        #expect(try search("\"EndpointStatus\"") == .string("InService"))
        #expect(try search("Tags.env") == .string("prod"))
        #expect(try search("Missing") == nil)
        #expect(try search("Missing.deeper") == nil)
        #expect(try search("EndpointStatus.deeper") == nil)
    }

    @Test func indexes() throws {
        #expect(try search("Contents[0].Key") == .string("k1"))
        #expect(try search("Contents[-1].Key") == .string("k2"))
        #expect(try search("Contents[5]") == nil)
        #expect(try search("Contents[-3]") == nil)
    }

    @Test func projectionsDropNullsAndKeepSubexpressions() throws {
        #expect(try search("Endpoints[*].EndpointName") == .list([.string("a"), .string("b"), .string("c")]))
        #expect(try search("Endpoints[].Size") == .list([.integer(2), .integer(5)]))
        #expect(try search("Tags.*") == .list([.string("prod"), .string("ml")]))
        #expect(try search("Endpoints[*].EndpointName | [0]") == .string("a"))
        #expect(try search("EndpointStatus[*]") == nil)
        let nested: ShapeValue = .structure(["Groups": .list([
            .structure(["Items": .list([.structure(["Id": .integer(1)]), .structure(["Id": .integer(2)])])]),
            .structure(["Items": .list([.structure(["Id": .integer(3)])])]),
        ])])
        #expect(try search("Groups[*].Items[*].Id", in: nested) == .list([.list([.integer(1), .integer(2)]), .list([.integer(3)])]))
        #expect(try search("Groups[].Items[].Id", in: nested) == .list([.integer(1), .integer(2), .integer(3)]))
        #expect(try search("Groups[*].Items[0].Id", in: nested) == .list([.integer(1), .integer(3)]))
    }

    @Test func flattenMergesOneLevel() throws {
        #expect(try search("Nested[]") == .list([.integer(1), .integer(2), .integer(3), .list([.integer(4)])]))
        #expect(try search("Nested[][]") == .list([.integer(1), .integer(2), .integer(3), .integer(4)]))
    }

    @Test func filtersAndComparisons() throws {
        #expect(try search("Endpoints[?Status == 'Failed'].EndpointName") == .list([.string("b")]))
        #expect(try search("Endpoints[?Status != `\"Failed\"`].EndpointName") == .list([.string("a"), .string("c")]))
        #expect(try search("Endpoints[?Size > `2`].EndpointName") == .list([.string("b")]))
        #expect(try search("Endpoints[?Size <= `2`].EndpointName") == .list([.string("a")]))
        #expect(try search("Endpoints[?Size >= `2.0`] | length(@)") == .integer(2))
        #expect(try search("EndpointStatus < `1`") == nil)
        #expect(try search("Endpoints[0].Size == `2.0`") == .boolean(true))
    }

    @Test func logicalOperators() throws {
        #expect(try search("Missing || Contents[-1].Key") == .string("k2"))
        #expect(try search("EndpointStatus || Contents[-1].Key") == .string("InService"))
        #expect(try search("EndpointStatus && Empty") == .list([]))
        #expect(try search("Empty && EndpointStatus") == .list([]))
        #expect(try search("!Empty") == .boolean(true))
        #expect(try search("!(EndpointStatus == 'InService')") == .boolean(false))
    }

    @Test func functions() throws {
        #expect(try search("length(Endpoints[]) > `0`") == .boolean(true))
        #expect(try search("length(Empty[]) > `0`") == .boolean(false))
        #expect(try search("length(Missing[]) > `0`") == nil)
        #expect(try search("length(EndpointStatus)") == .integer(9))
        #expect(try search("length(Tags)") == .integer(2))
        #expect(try search("contains(Endpoints[].Status, 'Failed')") == .boolean(true))
        #expect(try search("contains(EndpointStatus, 'Serv')") == .boolean(true))
        #expect(try search("contains(Missing, 'x')") == nil)
    }

    @Test func literalsAndDocuments() throws {
        #expect(try search("`[1, \"a\", true]`") == .list([.double(1), .string("a"), .boolean(true)]))
        #expect(try search("`null`") == nil)
        #expect(try search("'it\\'s'") == .string("it's"))
        #expect(try search("Doc.x[2]") == .string("y"))
        #expect(try search("Doc.x[1]") == nil)
        #expect(try search("Doc.x") == .list([.double(1), .document(.null), .string("y")]))
        #expect(try search("Doc.x[0] == `1`") == .boolean(true))
        #expect(try search("@.EndpointStatus") == .string("InService"))
    }

    @Test func everyExpressionInTheServiceModelsCompiles() throws {
        // The non-trivial expressions of the sagemaker, application-autoscaling, cloudwatch,
        // s3, ecr, sts, sns and sqs paginator and waiter models.
        let expressions = [
            "NextMarker || Contents[-1].Key", "imageScanFindings.enhancedFindings", "imageScanFindings.findings",
            "length(CompositeAlarms[]) > `0`", "length(MetricAlarms[]) > `0`", "imageScanStatus.status",
            "EndpointStatus", "NextToken", "nextToken", "IsTruncated",
        ]
        for text in expressions { _ = try JMESPathExpression(text) }
        let page: ShapeValue = .structure(["Contents": .list([.structure(["Key": .string("last")])])])
        #expect(try JMESPathExpression("NextMarker || Contents[-1].Key").search(page) == .string("last"))
    }

    @Test(arguments: [
        ("{a: b}", "multi-select hashes"), ("a[0:2]", "slices"), ("a[b, c]", "multi-select lists"),
        ("sort_by(a, &b)", "not supported"), ("abs(a)", "`abs` is not supported"), ("length(a, b)", "takes 1"),
        ("a.", "ends too early"), ("a b", "unexpected token"), ("`nope`", "not JSON"), ("'open", "unterminated"),
        ("a = b", "`==`"),
    ])
    func unsupportedOrMalformedSyntaxIsRejectedClearly(text: String, reason: String) {
        #expect {
            _ = try JMESPathExpression(text)
        } throws: { error in
            guard case AyameError.configuration(let message) = error else { return false }
            return message.contains(reason) && message.contains("`\(text)`")
        }
    }
}
