import Foundation
import Testing
@testable import AyameCore

@Suite struct ShapeValidationTests {
    private func config(_ change: (inout CreateEndpointConfigInput) -> Void) -> CreateEndpointConfigInput {
        var value = SampleValues.endpointConfig
        change(&value)
        return value
    }

    @Test func validSamplesPass() throws {
        try SampleValues.endpointConfig.validate()
        try SampleValues.tree.validate()
        try SampleValues.record.validate()
    }

    @Test func theFailureNamesShapeMemberAndRule() {
        expectValidation("CreateEndpointConfigInput", "Tags[0].Key", "length >= 1") {
            try config { $0.tags = [Tag(key: "", value: "v")] }.validate()
        }
        let failure = ValidationFailure(shape: "CreateEndpointConfigInput", member: "Tags[0].Key", rule: "length >= 1")
        #expect(AyameError.validation(failure).description == "Invalid input: CreateEndpointConfigInput.Tags[0].Key breaks `length >= 1`. Fix the value; nothing was sent.")
    }

    // botocore's SageMaker model: EndpointName {min: 0, max: 63, pattern: "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"}.
    // botocore checks minima only: the maximum and the pattern are left to the service, which
    // raises limits without a model change (the async-inference builder checks names itself).
    @Test func sagemakerEndpointNameAsTheModelHasIt() {
        let schema = SampleSchemas.endpointName
        let valid = String(repeating: "a", count: 62) + "9"
        #expect(throws: Never.self) { try ShapeValue.string(valid).validate(against: schema) }
        #expect(throws: Never.self) { try ShapeValue.string("my-endpoint--v2").validate(against: schema) }
        #expect(throws: Never.self) { try ShapeValue.string(valid + "b").validate(against: schema) }
        #expect(throws: Never.self) { try config { $0.endpointConfigName = String(repeating: "a", count: 64) }.validate() }
    }

    // Model patterns are ECMAScript regular expressions that ICU evaluates differently, and
    // services relax them without a model change; botocore does not check them and neither does
    // the generic client (the async-inference builder checks names, ARNs and URIs itself).
    @Test func patternsAreLeftToTheService() {
        let anchored = ShapeSchema(
            name: "EndpointName", kind: .string, traits: ShapeTraits(pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
        )
        for value in ["", "---", "-abc", "abc\n", "名前"] {
            #expect(throws: Never.self) { try ShapeValue.string(value).validate(against: anchored) }
            #expect(throws: Never.self) { try ShapeValue.string(value).validate(against: SampleSchemas.endpointName) }
        }
        #expect(throws: Never.self) {
            try config { $0.environment = ["1BAD": "x", "OK\n": "y"] }.validate()
        }
        #expect(throws: Never.self) {
            try config { $0.asyncInferenceConfig?.outputConfig.s3OutputPath = "ftp://bucket/out" }.validate()
        }
    }

    @Test func lengthCountsUnicodeScalarValues() {
        // "e" + combining acute: one Character, two scalars. 😀: one scalar, two UTF-16 units.
        let accented = String(repeating: "e\u{301}", count: 64)
        let minimum = ShapeSchema(name: "Word", kind: .string, traits: ShapeTraits(min: 3))
        expectValidation("Word", "", "length >= 3") { try ShapeValue.string("e\u{301}").validate(against: minimum) }
        #expect(throws: Never.self) { try ShapeValue.string("e\u{301}e").validate(against: minimum) }
        expectValidation("Word", "", "length >= 3") { try ShapeValue.string("😀😀").validate(against: minimum) }
        #expect(throws: Never.self) { try Tag(key: accented, value: "").validate() }
        expectValidation("Tag", "Key", "length >= 1") { try Tag(key: "", value: "v").validate() }
    }

    // botocore checks a list's minimum length and no map length at all.
    @Test func listsHaveAMinimumLengthAndNothingElseIsSized() {
        expectValidation("CreateEndpointConfigInput", "ProductionVariants", "length >= 1") {
            try config { $0.productionVariants = [] }.validate()
        }
        #expect(throws: Never.self) {
            try config { $0.productionVariants = Array(repeating: ProductionVariant(variantName: "v"), count: 11) }.validate()
        }
        #expect(throws: Never.self) {
            try config { $0.environment = ["A": "1", "B": "2", "C": "3", "D": "4"] }.validate()
        }
    }

    @Test func numbersAreRanged() {
        expectValidation("CreateEndpointConfigInput", "ProductionVariants[1].InitialInstanceCount", "value >= 1") {
            try config { $0.productionVariants[1].initialInstanceCount = 0 }.validate()
        }
        expectValidation("CreateEndpointConfigInput", "ProductionVariants[0].InitialVariantWeight", "value >= 0") {
            try config { $0.productionVariants[0].initialVariantWeight = -0.25 }.validate()
        }
        // Maxima are the service's to enforce, as in botocore.
        #expect(throws: Never.self) {
            try config { $0.asyncInferenceConfig?.clientConfig?.maxConcurrentInvocationsPerInstance = 1001 }.validate()
        }
        #expect(throws: Never.self) { try InvocationRecord(createdAt: .now, score: 1.75).validate() }
        expectValidation("InvocationRecord", "Score", "value >= -1.5") {
            try InvocationRecord(createdAt: .now, score: -2).validate()
        }
    }

    // botocore checks a blob's type only.
    @Test func blobsAreNotSized() {
        #expect(throws: Never.self) { try InvocationRecord(createdAt: .now, payload: Data()).validate() }
        #expect(throws: Never.self) { try InvocationRecord(createdAt: .now, payload: Data(count: 9)).validate() }
    }

    @Test func mapKeysAndValuesAreCheckedUnderTheirKey() {
        let schema = ShapeSchema(
            name: "Labels", kind: .map,
            mapKey: MemberSchema("key", target: { SampleSchemas.tagKey }),
            mapValue: MemberSchema("value", target: { SampleSchemas.tagKey })
        )
        expectValidation("Labels", #"[""] (key)"#, "length >= 1") {
            try ShapeValue.map(["": .string("x")]).validate(against: schema)
        }
        expectValidation("Labels", #"["team"]"#, "length >= 1") {
            try ShapeValue.map(["team": .string(""), "a": .string("b")]).validate(against: schema)
        }
    }

    @Test func sensitiveMapKeysStayOutOfThePath() {
        let schema = ShapeSchema(
            name: "Vault", kind: .map,
            mapKey: MemberSchema("key", target: { SampleSchemas.secret }),
            mapValue: MemberSchema("value", target: { SampleSchemas.tagKey })
        )
        expectValidation("Vault", "[*** sensitive ***]", "length >= 1") {
            try ShapeValue.map(["hunter2": .string("")]).validate(against: schema)
        }
    }

    @Test func nestedAndRecursiveMembersGetFullPaths() {
        expectValidation("CreateEndpointConfigInput", "Tags[0].Key", "length >= 1") {
            try config { $0.tags = [Tag(key: "", value: "v")] }.validate()
        }
        expectValidation("CreateEndpointConfigInput", "ProductionVariants[1].InitialInstanceCount", "value >= 1") {
            try config { $0.productionVariants[1].initialInstanceCount = 0 }.validate()
        }
        var tree = SampleValues.tree
        tree.children?[0].children?[1].name = ""
        expectValidation("TreeNode", "Children[0].Children[1].Name", "length >= 1") { try tree.validate() }
    }

    @Test func requiredMembersMustBePresent() {
        var members = SampleValues.endpointConfig.shapeValue.structureMembers!
        members["EndpointConfigName"] = nil
        expectValidation("CreateEndpointConfigInput", "EndpointConfigName", "required") {
            try ShapeValue.structure(members).validate(against: CreateEndpointConfigInput.schema)
        }
        members = SampleValues.endpointConfig.shapeValue.structureMembers!
        members["Tags"] = .list([.structure(["Key": .string("k")])])
        expectValidation("CreateEndpointConfigInput", "Tags[0].Value", "required") {
            try ShapeValue.structure(members).validate(against: CreateEndpointConfigInput.schema)
        }
        expectValidation("AsyncInferenceConfig", "OutputConfig", "required") {
            try ShapeValue.structure([:]).validate(against: AsyncInferenceConfig.schema)
        }
    }

    @Test func onlyClosedEnumsRejectUnknownValues() {
        #expect(throws: Never.self) {
            try config { $0.productionVariants[0].instanceType = "ml.p6.96xlarge" }.validate()
        }
        expectValidation(
            "CreateEndpointConfigInput", "AsyncInferenceConfig.OutputConfig.NotificationConfig.IncludeInferenceResponseIn[1]",
            "enum SUCCESS_NOTIFICATION_TOPIC|ERROR_NOTIFICATION_TOPIC"
        ) {
            try config {
                $0.asyncInferenceConfig?.outputConfig.notificationConfig?.includeInferenceResponseIn = [.errorNotificationTopic, "BOGUS"]
            }.validate()
        }
    }

    @Test func validationIsSafeFromManyTasksAtOnce() async {
        let failures = await withTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    var value = SampleValues.endpointConfig
                    value.endpointConfigName = index.isMultiple(of: 2) ? "ok-\(index)" : "-\(index)-"
                    value.tags = [Tag(key: "k\(index)", value: "v")]
                    do { try value.validate() } catch { return 1 }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0, "names with dashes at either end are the service's to judge")
    }
}

/// Expects `body` to throw `AyameError.validation` with exactly this shape, member and rule.
func expectValidation(
    _ shape: String, _ member: String, _ rule: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected a validation failure: \(member) \(rule)", sourceLocation: sourceLocation)
    } catch {
        guard case .validation(let failure) = error as? AyameError else {
            Issue.record("expected a validation failure, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(failure == ValidationFailure(shape: shape, member: member, rule: rule), sourceLocation: sourceLocation)
    }
}
