import Foundation
import Testing
@testable import AyameCore

@Suite struct ShapeCodableTests {
    private func roundTrip<Shape: AWSShape>(_ value: Shape, _ encoder: JSONEncoder = JSONEncoder(), _ decoder: JSONDecoder = JSONDecoder()) throws -> Shape {
        try decoder.decode(Shape.self, from: encoder.encode(value))
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func everySampleRoundTripsThroughJSONLosslessly() throws {
        #expect(try roundTrip(SampleValues.endpointConfig) == SampleValues.endpointConfig)
        #expect(try roundTrip(SampleValues.tree) == SampleValues.tree)
        #expect(try roundTrip(SampleValues.record) == SampleValues.record)
    }

    @Test func everySampleRoundTripsThroughAPropertyList() throws {
        let encoder = PropertyListEncoder()
        let decoder = PropertyListDecoder()
        #expect(try decoder.decode(InvocationRecord.self, from: encoder.encode(SampleValues.record)) == SampleValues.record)
        #expect(try decoder.decode(CreateEndpointConfigInput.self, from: encoder.encode(SampleValues.endpointConfig)) == SampleValues.endpointConfig)
    }

    @Test func membersAreKeyedByModelName() throws {
        let variant = ProductionVariant(variantName: "v", instanceType: .mlM5Large, initialVariantWeight: 0.5)
        #expect(try json(variant) == #"{"InitialVariantWeight":0.5,"InstanceType":"ml.m5.large","VariantName":"v"}"#)
        #expect(try json(SampleValues.tree.children![1]) == #"{"Children":[],"Name":"b"}"#)
    }

    @Test func blobsAreBase64AndDocumentsPlainJSON() throws {
        let record = InvocationRecord(
            createdAt: Date(timeIntervalSinceReferenceDate: 0), payload: Data([0, 1, 2, 0xFF]),
            metadata: .object(["a": .array([.null, .boolean(true), .number(2), .string("s")])])
        )
        #expect(try json(record) == #"{"CreatedAt":0,"Metadata":{"a":[null,true,2,"s"]},"Payload":"AAEC\/w=="}"#)
    }

    @Test func timestampsFollowTheEncodersDateStrategy() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let record = InvocationRecord(createdAt: Date(timeIntervalSince1970: 1_764_092_178))
        #expect(String(decoding: try encoder.encode(record), as: UTF8.self) == #"{"CreatedAt":"2025-11-25T17:36:18Z"}"#)
        #expect(try roundTrip(record, encoder, decoder) == record)
    }

    @Test func numbersJSONCannotHoldTravelAsStrings() throws {
        let record = InvocationRecord(createdAt: Date(timeIntervalSinceReferenceDate: 0), score: .nan, ratio: -.infinity)
        #expect(try json(record) == #"{"CreatedAt":0,"Ratio":"-Infinity","Score":"NaN"}"#)
        let decoded = try roundTrip(record)
        #expect(decoded.score?.isNaN == true)
        #expect(decoded.ratio == -.infinity)
        #expect(try roundTrip(InvocationRecord(createdAt: .distantPast, score: .infinity)).score == .infinity)
    }

    @Test func sensitiveValuesAreEncodedBecauseCodableIsData() throws {
        let text = try json(SampleValues.endpointConfig)
        for secret in SampleValues.secrets { #expect(text.contains(secret)) }
    }

    @Test func unknownKeysAndNullsAreIgnored() throws {
        let json = #"{"VariantName":"v","ModelName":null,"Future":{"x":1}}"#
        #expect(try JSONDecoder().decode(ProductionVariant.self, from: Data(json.utf8)) == ProductionVariant(variantName: "v"))
    }

    @Test func wrongTypesAndMissingRequiredMembersFail() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ProductionVariant.self, from: Data(#"{"VariantName":1}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(InvocationRecord.self, from: Data(#"{"CreatedAt":0,"Score":"lots"}"#.utf8))
        }
        do {
            _ = try JSONDecoder().decode(Tag.self, from: Data(#"{"Key":"k"}"#.utf8))
            Issue.record("decoded a Tag without its required Value")
        } catch let error as AyameError {
            #expect(error.description.contains("at Value: missing required member"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func shapesNestInsideOrdinaryCodableTypes() throws {
        let tags = [Tag(key: "a", value: "1"), Tag(key: "b", value: "2")]
        let data = try JSONEncoder().encode(["tags": tags])
        #expect(try JSONDecoder().decode([String: [Tag]].self, from: data) == ["tags": tags])
    }
}
