import AyameCore

/// Runs one input case: the codec lays out the request for `params`, and the layout is compared
/// with `serialized`.
struct InputCaseRunner {
    /// The UUID botocore's suites expect for idempotency tokens the client fills itself.
    static let expectedToken = "00000000-0000-4000-8000-000000000000"

    let model: SuiteModel
    let wireProtocol: AWSProtocol

    /// The differences, empty when the case passes.
    func run(_ testCase: SuiteJSON) throws(ConformanceFailure) -> [String] {
        guard let given = testCase["given"], let expected = testCase["serialized"] else { throw ConformanceFailure("not an input case") }
        let operation = model.operation(given)
        let service = model.service(wireProtocol)
        var input: ShapeValue?
        if let schema = operation.input, let params = testCase["params"] {
            input = try SuiteValues.value(params, schema: schema, form: .text)
        }
        var request: SerializedRequest
        do {
            request = try ProtocolCodecs.codec(for: wireProtocol).encodeRequest(input, operation: operation, service: service)
        } catch {
            return ["encoding failed: \(error)"]
        }
        if Self.mentionsToken(expected) { request = Self.withFixedTokens(request) }

        var differences: [String] = []
        let expectedMethod = expected["method"]?.string ?? "POST"
        if request.method != expectedMethod { differences.append("method \(request.method), expected \(expectedMethod)") }

        // The suite's client endpoint (`https://example.com` unless it names one with a path);
        // `host` in a case is the host and endpoint path the request goes to.
        let endpoint = model.clientEndpoint.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let endpointHost = endpoint.count > 2 ? String(endpoint[2]) : "example.com"
        let endpointPath = endpoint.count > 3 ? "/" + endpoint[3] : ""
        if let expectedHost = expected["host"]?.string {
            let actualHost = (request.hostPrefix ?? "") + endpointHost + endpointPath
            if actualHost != expectedHost { differences.append("host \(actualHost), expected \(expectedHost)") }
        }

        differences += uriDifferences(expected["uri"]?.string ?? "/", request: request, endpointPath: endpointPath)
        differences += headerDifferences(expected, request: request)
        let body: [UInt8]
        switch request.body {
        case .empty: body = []
        case .bytes(let bytes): body = bytes
        }
        // A case without `body` does not say what the body is (request compression cases, whose
        // gzip bytes JSON cannot hold, and a few older botocore cases), so it is not compared.
        if let expectedBody = expected["body"]?.string,
           let difference = BodyComparison.difference(expected: expectedBody, actual: body, wireProtocol: wireProtocol,
                                                         mapEntryNames: model.xmlMapEntryNames) {
            differences.append(difference)
        }
        return differences
    }

    private func uriDifferences(_ expectedURI: String, request: SerializedRequest, endpointPath: String) -> [String] {
        var differences: [String] = []
        let expectedPath = String(expectedURI.prefix { $0 != "?" })
        let actualPath = request.path(under: endpointPath)
        if actualPath != expectedPath { differences.append("path \(actualPath), expected \(expectedPath)") }
        let expectedQuery = expectedURI.firstIndex(of: "?").map { FormParameters.parse(String(expectedURI[expectedURI.index(after: $0)...])) } ?? []
        let actualQuery = request.query.map { FormParameters.Pair(name: $0.name, value: $0.value) }.sorted()
        if let difference = FormParameters.difference(expected: expectedQuery, actual: actualQuery, what: "query") {
            differences.append(difference)
        }
        return differences
    }

    private func headerDifferences(_ expected: SuiteJSON, request: SerializedRequest) -> [String] {
        var differences: [String] = []
        func values(_ name: String) -> [String] {
            request.headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
        for (name, value) in expected["headers"]?.entries ?? [] {
            let expectedValue = value.string ?? ""
            let actual = values(name)
            if actual.isEmpty, TransportHeaders.isSent(name, value: expectedValue, by: request) { continue }
            if actual.count == 1, name.caseInsensitiveCompare("Content-Type") == .orderedSame,
               MediaType.matches(actual[0], expected: expectedValue) { continue }
            if actual != [expectedValue] {
                differences.append("header \(name): \(actual.isEmpty ? "not sent" : actual.joined(separator: " | ")), expected \(expectedValue)")
            }
        }
        for name in expected["requireHeaders"]?.array?.compactMap(\.string) ?? [] {
            if values(name).isEmpty && !TransportHeaders.isSent(name, value: nil, by: request) {
                differences.append("header \(name): not sent, but required")
            }
        }
        for name in expected["forbidHeaders"]?.array?.compactMap(\.string) ?? [] {
            if !values(name).isEmpty || TransportHeaders.isSent(name, value: nil, by: request) {
                differences.append("header \(name): sent, but forbidden")
            }
        }
        return differences
    }

    private static func mentionsToken(_ json: SuiteJSON) -> Bool {
        switch json {
        case .string(let text): return text.contains(expectedToken)
        case .array(let elements): return elements.contains(where: mentionsToken)
        case .object(let entries): return entries.contains { mentionsToken($0.value) }
        default: return false
        }
    }

    /// Replaces every random lower-case UUID v4 the codec generated with the suites' fixed one
    /// (botocore's tests patch its UUID generator; Ayame's stays real, and its form is checked).
    static func withFixedTokens(_ request: SerializedRequest) -> SerializedRequest {
        var request = request
        request.query = request.query.map { QueryParameter($0.name, $0.value.map(fixTokens)) }
        request.headers = request.headers.map { HTTPHeaderField($0.name, fixTokens($0.value)) }
        request.path = fixTokens(request.path)
        if case .bytes(let bytes) = request.body { request.body = .bytes(Array(fixTokens(String(decoding: bytes, as: UTF8.self)).utf8)) }
        return request
    }

    private static func fixTokens(_ text: String) -> String {
        text.replacing(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/, with: expectedToken)
    }
}
