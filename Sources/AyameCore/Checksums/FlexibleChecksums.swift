/// The flexible-checksum rules of the AWS SDKs (`httpChecksum` in the models), applied by the
/// pipeline: which checksum a request carries, and when a response's checksum is verified.
enum FlexibleChecksums {
    /// A checksum to add to a request.
    struct RequestChecksum: Equatable {
        let algorithm: ChecksumAlgorithm
        /// The algorithm header (`x-amz-sdk-checksum-algorithm`) when the SDK chose the
        /// algorithm; absent when the caller did (the codec already sent the member).
        let algorithmHeader: HTTPHeaderField?
    }

    /// Decides the request checksum: the caller's algorithm member wins; otherwise CRC32 when
    /// the operation requires a checksum, or supports one and `request_checksum_calculation` is
    /// `when_supported` (the default). A checksum header the caller set is left alone.
    static func requestChecksum(
        operation: OperationDescriptor, input: ShapeValue?, headers: [HTTPHeaderField], configuration: ClientConfiguration
    ) throws(AyameError) -> RequestChecksum? {
        if headers.contains(where: { $0.name.lowercased().hasPrefix("x-amz-checksum-") }) { return nil }
        let member = operation.checksumAlgorithmMember
        if let member, let chosen = input?.structureMembers?[member]?.stringValue {
            guard let algorithm = ChecksumAlgorithm(modelName: chosen) else {
                throw .validation(ValidationFailure(
                    shape: operation.input?.name ?? operation.name, member: member,
                    rule: "one of \(ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")) (Ayame does not compute \(chosen))"))
            }
            return RequestChecksum(algorithm: algorithm, algorithmHeader: nil)
        }
        guard operation.isChecksumRequired || (member != nil && configuration.requestChecksumCalculation.value == .whenSupported)
        else { return nil }
        var algorithmHeader: HTTPHeaderField?
        if let member, case .header(let name)? = operation.input?.member(named: member)?.location {
            algorithmHeader = HTTPHeaderField(name, ChecksumAlgorithm.crc32.rawValue)
        }
        return RequestChecksum(algorithm: .crc32, algorithmHeader: algorithmHeader)
    }

    /// Turns on response validation in the input (`ChecksumMode: ENABLED`) when the
    /// configuration asks for it, as the AWS SDKs do, so the service sends its checksum.
    static func enablingResponseValidation(
        _ input: ShapeValue?, operation: OperationDescriptor, configuration: ClientConfiguration
    ) -> ShapeValue? {
        guard let member = operation.checksumValidationModeMember,
              configuration.responseChecksumValidation.value == .whenSupported,
              case .structure(var members)? = input, members[member] == nil
        else { return input }
        members[member] = .string("ENABLED")
        return .structure(members)
    }

    /// Verifies the response body against the strongest-preferred checksum header it carries,
    /// when validation is on for this call. Composite checksums of multipart objects (`…-N`)
    /// cannot be recomputed from the body and are skipped.
    static func verifyResponse(
        _ response: ReceivedResponse, operation: OperationDescriptor, input: ShapeValue?
    ) throws(AyameError) {
        guard let member = operation.checksumValidationModeMember,
              input?.structureMembers?[member]?.stringValue?.uppercased() == "ENABLED"
        else { return }
        let offered = Set(operation.responseChecksumAlgorithms.compactMap(ChecksumAlgorithm.init(modelName:)))
        for algorithm in ChecksumAlgorithm.responsePriority where offered.contains(algorithm) {
            guard let expected = response.header(algorithm.headerName), !expected.contains("-") else { continue }
            let actual = algorithm.base64Digest(of: response.body)
            guard actual == expected else {
                throw .decoding(
                    "the \(algorithm.rawValue) checksum of the response body is \(actual) but the service sent \(expected): the data was corrupted in transit; retry the call")
            }
            return
        }
    }

    /// The checksum a streamed response body must match: the preferred full-object checksum the
    /// service sent, when validation is on for this call; nil when there is nothing to check.
    static func responseCheck(headers: [HTTPHeaderField], operation: OperationDescriptor, input: ShapeValue?) -> ResponseCheck? {
        guard let member = operation.checksumValidationModeMember,
              input?.structureMembers?[member]?.stringValue?.uppercased() == "ENABLED"
        else { return nil }
        let offered = Set(operation.responseChecksumAlgorithms.compactMap(ChecksumAlgorithm.init(modelName:)))
        for algorithm in ChecksumAlgorithm.responsePriority where offered.contains(algorithm) {
            let name = algorithm.headerName
            guard let expected = headers.last(where: { $0.name.lowercased() == name })?.value, !expected.contains("-") else { continue }
            return ResponseCheck(algorithm: algorithm, expected: expected)
        }
        return nil
    }

    /// A checksum a body is verified against.
    struct ResponseCheck: Sendable {
        let algorithm: ChecksumAlgorithm
        let expected: String

        /// The mismatch as a sentence, or nil when `actual` is right.
        func mismatch(actual: String) -> String? {
            actual == expected ? nil
                : "the \(algorithm.rawValue) checksum of the response body is \(actual) but the service sent \(expected)"
        }
    }
}
