import Foundation
import Testing
@testable import AyameCore

@Suite struct ShapeConversionTests {
    @Test func samplesRoundTripThroughTheTree() throws {
        #expect(try CreateEndpointConfigInput(shapeValue: SampleValues.endpointConfig.shapeValue) == SampleValues.endpointConfig)
        #expect(try TreeNode(shapeValue: SampleValues.tree.shapeValue) == SampleValues.tree)
        #expect(try InvocationRecord(shapeValue: SampleValues.record.shapeValue) == SampleValues.record)
    }

    @Test func nilMembersAreAbsentAndRequiredOnesPresent() {
        let variant = ProductionVariant(variantName: "v")
        #expect(variant.shapeValue == .structure(["VariantName": .string("v")]))
    }

    @Test func simpleValuesConvertBothWays() throws {
        #expect(try String(shapeValue: "x".shapeValue) == "x")
        #expect(try Int(shapeValue: .integer(-7)) == -7)
        #expect(try Int(shapeValue: .double(5)) == 5)
        #expect(try Int64(shapeValue: Int64.min.shapeValue) == .min)
        #expect(try Int32(shapeValue: Int32.max.shapeValue) == .max)
        #expect(try Double(shapeValue: .integer(2)) == 2)
        #expect(try Float(shapeValue: Float(0.1).shapeValue) == 0.1)
        #expect(try Bool(shapeValue: .boolean(true)))
        #expect(try Date(shapeValue: .timestamp(Date(timeIntervalSince1970: 5))) == Date(timeIntervalSince1970: 5))
        #expect(try Data(shapeValue: .blob(Data([1]))) == Data([1]))
        #expect(try DocumentValue(shapeValue: .document(.null)) == .null)
        #expect(try [String: [Int]](shapeValue: .map(["a": .list([.integer(1)])])) == ["a": [1]])
        #expect(try ShapeValue(shapeValue: .integer(1)) == .integer(1))
    }

    @Test func mismatchesSayWhatWasExpectedAndFound() {
        expectDecoding("expected a string, found an integer") { try String(shapeValue: .integer(1)) }
        expectDecoding("expected an integer, found a number") { try Int(shapeValue: .double(1.5)) }
        expectDecoding("expected a 32-bit integer, found an integer") { try Int32(shapeValue: .integer(1 << 40)) }
        expectDecoding("expected a number, found a string") { try Double(shapeValue: .string("1")) }
        expectDecoding("expected a boolean, found a string") { try Bool(shapeValue: .string("true")) }
        expectDecoding("expected a timestamp, found a number") { try Date(shapeValue: .double(0)) }
        expectDecoding("expected a blob, found a string") { try Data(shapeValue: .string("AA==")) }
        expectDecoding("expected a document, found a map") { try DocumentValue(shapeValue: .map([:])) }
        expectDecoding("expected a list, found a structure") { try [Int](shapeValue: .structure([:])) }
        expectDecoding("expected a map, found a list") { try [String: Int](shapeValue: .list([])) }
        expectDecoding("expected a structure, found a string") { try Tag(shapeValue: .string("k=v")) }
    }

    @Test func nestedFailuresNameTheMemberPath() {
        var tree = SampleValues.endpointConfig.shapeValue.structureMembers!
        tree["ProductionVariants"] = .list([
            .structure(["VariantName": .string("ok")]),
            .structure(["VariantName": .integer(3)]),
        ])
        expectDecoding("at ProductionVariants[1].VariantName: expected a string, found an integer") {
            try CreateEndpointConfigInput(shapeValue: .structure(tree))
        }
        tree = SampleValues.endpointConfig.shapeValue.structureMembers!
        tree["Environment"] = .map(["API_TOKEN": .boolean(true)])
        expectDecoding(#"at Environment["API_TOKEN"]: expected a string, found a boolean"#) {
            try CreateEndpointConfigInput(shapeValue: .structure(tree))
        }
        expectDecoding("at Children[0].Children[1]: expected a structure, found a string") {
            try TreeNode(shapeValue: .structure([
                "Name": .string("r"),
                "Children": .list([.structure(["Name": .string("c"), "Children": .list([.structure(["Name": .string("x")]), .string("y")])])]),
            ]))
        }
    }

    @Test func missingRequiredMembersFailDecoding() {
        expectDecoding("at OutputConfig: missing required member") {
            try AsyncInferenceConfig(shapeValue: .structure([:]))
        }
    }

    @Test func writerSubscriptReadsBackWhatWasSet() {
        var writer = StructureWriter()
        writer["Count"] = 3
        writer["Gone"] = "x"
        writer["Gone"] = String?.none
        let count: Int? = writer["Count"]
        #expect(count == 3)
        #expect(writer.value == .structure(["Count": .integer(3)]))
    }
}

/// Expects `body` to throw `AyameError.decoding` with exactly `message`.
func expectDecoding<T>(
    _ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) {
    do {
        _ = try body()
        Issue.record("expected a decoding error: \(message)", sourceLocation: sourceLocation)
    } catch {
        guard case .decoding(let actual) = error as? AyameError else {
            Issue.record("expected a decoding error, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == message, sourceLocation: sourceLocation)
    }
}
