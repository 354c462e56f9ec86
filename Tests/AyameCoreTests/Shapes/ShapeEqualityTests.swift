import Foundation
import Testing
@testable import AyameCore

@Suite struct ShapeEqualityTests {
    @Test func equalValuesAreEqualAndHashAlike() throws {
        let copy = try CreateEndpointConfigInput(shapeValue: SampleValues.endpointConfig.shapeValue)
        #expect(copy == SampleValues.endpointConfig)
        #expect(copy.hashValue == SampleValues.endpointConfig.hashValue)
        #expect(Set([SampleValues.tree, SampleValues.tree, TreeNode(name: "other")]).count == 2)
    }

    @Test func aDifferenceAtAnyDepthMakesValuesUnequal() {
        var changed = SampleValues.endpointConfig
        changed.asyncInferenceConfig?.outputConfig.notificationConfig?.errorTopic = "arn:aws:sns:us-east-1:123456789012:err"
        #expect(changed != SampleValues.endpointConfig)
        var tree = SampleValues.tree
        tree.children?[0].children?[1].attributes?["k"] = "w"
        #expect(tree != SampleValues.tree)
    }

    @Test func anAbsentMemberDiffersFromAnEmptyOne() {
        #expect(TreeNode(name: "n", children: []) != TreeNode(name: "n"))
    }

    @Test func conformancesComeFromTheProtocolNotSynthesis() {
        // `OpaqueShape` stores a value that is neither Equatable nor Codable, so the compiler
        // could not synthesize either; equality therefore reads only the tree.
        #expect(OpaqueShape(name: "a") == OpaqueShape(name: "a"))
        #expect(OpaqueShape(name: "a") != OpaqueShape(name: "b"))
    }
}

/// A shape with a stored property outside the tree, which would block synthesized conformances.
private struct OpaqueShape: AWSShape {
    final class Handle: Sendable {}

    var name: String
    let handle = Handle()

    init(name: String) { self.name = name }

    static let schema: ShapeSchema = ShapeSchema(name: "OpaqueShape", kind: .structure, members: [
        MemberSchema("Name", target: { ShapeSchema.Simple.string }),
    ])

    init(shapeValue: ShapeValue) throws(AyameError) {
        let r = try StructureReader(shapeValue)
        self.name = try r.required("Name")
    }

    var shapeValue: ShapeValue {
        var w = StructureWriter()
        w["Name"] = name
        return w.value
    }
}
