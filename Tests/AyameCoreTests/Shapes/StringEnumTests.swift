import Foundation
import Testing
@testable import AyameCore

@Suite struct StringEnumTests {
    @Test func knownValuesAreConstantsInModelOrder() {
        #expect(ProductionVariantInstanceType.allKnownValues.map(\.rawValue) == ["ml.t2.medium", "ml.m5.large", "ml.g5.xlarge"])
        #expect(ProductionVariantInstanceType.mlM5Large.isKnown)
        #expect(ProductionVariantInstanceType.mlM5Large.description == "ml.m5.large")
    }

    @Test func unknownValuesFromANewerServiceAreKept() throws {
        let decoded = try ProductionVariantInstanceType(shapeValue: .string("ml.p6.96xlarge"))
        #expect(decoded.rawValue == "ml.p6.96xlarge")
        #expect(!decoded.isKnown)
        #expect(decoded.shapeValue == .string("ml.p6.96xlarge"))
        let variant = try ProductionVariant(shapeValue: .structure([
            "VariantName": .string("v"), "InstanceType": .string("ml.p6.96xlarge"),
        ]))
        #expect(variant.instanceType?.rawValue == "ml.p6.96xlarge")
        #expect(variant.shapeValue.structureMembers?["InstanceType"] == .string("ml.p6.96xlarge"))
    }

    @Test func literalsEqualityAndHashingFollowTheRawValue() {
        let literal: ProductionVariantInstanceType = "ml.m5.large"
        #expect(literal == .mlM5Large)
        #expect(literal != .mlT2Medium)
        #expect(Set([literal, .mlM5Large, ProductionVariantInstanceType(rawValue: "x")]).count == 2)
    }

    @Test func codableIsAPlainString() throws {
        let json = try JSONEncoder().encode([ProductionVariantInstanceType.mlG5Xlarge, "ml.future"])
        #expect(String(decoding: json, as: UTF8.self) == #"["ml.g5.xlarge","ml.future"]"#)
        let decoded = try JSONDecoder().decode([ProductionVariantInstanceType].self, from: json)
        #expect(decoded == [.mlG5Xlarge, "ml.future"])
    }

    @Test func anythingButAStringFailsToDecode() {
        expectDecoding("expected a string, found an integer") { try ProductionVariantInstanceType(shapeValue: .integer(1)) }
    }
}
