@testable import AyameCore
import Foundation
import Testing

/// Smithy's client error correction: a response missing required members still decodes, with
/// zero values; everywhere else a missing required member stays an error.
@Suite struct ErrorCorrectionTests {
    @Test func responsesGetZeroValuesForMissingRequiredMembers() throws {
        let tag = try ResponseDecoding.decode(.structure(["Key": .string("team")]), as: Tag.self)
        #expect(tag.key == "team" && tag.value == "")
        let record = try ResponseDecoding.decode(.structure([:]), as: InvocationRecord.self)
        #expect(record.createdAt == Date(timeIntervalSince1970: 0))
        let config = try ResponseDecoding.decode(.structure([:]), as: AsyncInferenceConfig.self)
        #expect(config.outputConfig == AsyncInferenceOutputConfig())
        let input = try ResponseDecoding.decode(.structure([:]), as: CreateEndpointConfigInput.self)
        #expect(input.endpointConfigName == "" && input.productionVariants.isEmpty)
    }

    @Test func outsideResponsesAMissingRequiredMemberIsStillAnError() {
        #expect(throws: AyameError.self) { try Tag(shapeValue: .structure(["Key": .string("team")])) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Tag.self, from: Data(#"{"Key": "team"}"#.utf8)) }
    }

    @Test func wrongTypesAreNotCorrected() {
        #expect(throws: AyameError.self) {
            try ResponseDecoding.decode(.structure(["Key": .integer(1), "Value": .string("v")]), as: Tag.self)
        }
    }
}
