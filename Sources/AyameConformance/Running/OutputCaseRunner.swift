import AyameCore

/// Runs one output case: the codec decodes `response`, and the result (or the error's code,
/// message and members) is compared with the case's.
struct OutputCaseRunner {
    let model: SuiteModel
    let wireProtocol: AWSProtocol

    /// The differences, empty when the case passes.
    func run(_ testCase: SuiteJSON) throws(ConformanceFailure) -> [String] {
        guard let given = testCase["given"], let raw = testCase["response"] else { throw ConformanceFailure("not an output case") }
        let operation = model.operation(given)
        let service = model.service(wireProtocol)
        let codec = ProtocolCodecs.codec(for: wireProtocol)
        let response = ReceivedResponse(
            statusCode: Int(raw["status_code"]?.double ?? 200),
            headers: (raw["headers"]?.entries ?? []).map { HTTPHeaderField($0.key, $0.value.string ?? "") },
            body: Array((raw["body"]?.string ?? "").utf8)
        )
        if let expectedCode = testCase["errorCode"]?.string {
            return try errorDifferences(testCase, expectedCode: expectedCode, response: response, operation: operation, service: service, codec: codec)
        }
        let decoded: ShapeValue
        do {
            decoded = try codec.decodeResponse(response, operation: operation, service: service)
        } catch {
            return ["decoding failed: \(error)"]
        }
        let expected: ShapeValue
        if let schema = operation.output, let result = testCase["result"] {
            expected = try SuiteValues.value(result, schema: schema, form: .document)
        } else {
            expected = .structure([:])
        }
        return ShapeValueDifference.first(expected: expected, actual: decoded, path: "").map { [$0] } ?? []
    }

    private func errorDifferences(
        _ testCase: SuiteJSON, expectedCode: String, response: ReceivedResponse,
        operation: OperationDescriptor, service: ServiceDescriptor, codec: any ProtocolCodec
    ) throws(ConformanceFailure) -> [String] {
        var differences: [String] = []
        let error = codec.decodeError(response, operation: operation, service: service)
        if error.code != expectedCode { differences.append("error code \(error.code), expected \(expectedCode)") }
        if let expectedMessage = testCase["errorMessage"]?.string, error.message != expectedMessage {
            differences.append("error message \(error.message ?? "none"), expected \(expectedMessage)")
        }
        guard let expectedMembers = testCase["error"], expectedMembers.entries?.isEmpty == false else { return differences }
        guard let schema = service.errorShapes[expectedCode]?() else {
            return differences + ["the suite has no error shape for \(expectedCode)"]
        }
        let expected = try SuiteValues.value(expectedMembers, schema: schema, form: .document)
        do {
            let members = try codec.decodeErrorMembers(response, schema: schema, service: service)
            if let difference = ShapeValueDifference.first(expected: expected, actual: members, path: "error") { differences.append(difference) }
        } catch {
            differences.append("decoding the error's members failed: \(error)")
        }
        return differences
    }
}
