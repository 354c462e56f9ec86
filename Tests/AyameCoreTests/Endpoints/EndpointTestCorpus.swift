import AyameCore
import Foundation
import Testing

/// One case from `Tests/TestData/endpoint-tests/<service>.json`.
struct EndpointTestCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        case endpoint(url: String, headers: [String: [String]], properties: [String: EndpointValue])
        case error(String)
    }

    let service: String
    let index: Int
    let documentation: String
    let parameters: [String: EndpointValue]
    let expectation: Expectation

    var testDescription: String { "\(service) #\(index): \(documentation)" }

    /// Everything needed to reproduce the case by hand, for failure messages.
    var details: Comment {
        let parameterText = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "\(testDescription) — params: [\(parameterText)]"
    }
}

/// Loads the vendored corpus once; the files sit outside the test target (see TestData/README.md).
enum EndpointTestCorpus {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestData/endpoint-tests")

    private struct File: Decodable {
        struct Case: Decodable {
            struct Expect: Decodable {
                struct Endpoint: Decodable {
                    let url: String
                    let headers: [String: [String]]?
                    let properties: [String: EndpointValue]?
                }
                let endpoint: Endpoint?
                let error: String?
            }
            let documentation: String
            let params: [String: EndpointValue]?
            let expect: Expect
        }
        let ruleSet: EndpointValue
        let testCases: [Case]
    }

    private static let files: [(service: String, file: File)] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let data = try! Data(contentsOf: directory.appendingPathComponent(name))
            return (String(name.dropLast(5)), try! JSONDecoder().decode(File.self, from: data))
        }
    }()

    /// Every case of every service, in file order.
    static let cases: [EndpointTestCase] = files.flatMap { service, file in
        file.testCases.enumerated().map { index, raw in
            let expectation: EndpointTestCase.Expectation
            if let endpoint = raw.expect.endpoint {
                expectation = .endpoint(url: endpoint.url, headers: endpoint.headers ?? [:], properties: endpoint.properties ?? [:])
            } else {
                expectation = .error(raw.expect.error ?? "")
            }
            return EndpointTestCase(
                service: service, index: index, documentation: raw.documentation,
                parameters: raw.params ?? [:], expectation: expectation
            )
        }
    }

    /// The rule set stored beside each service's cases, re-encoded to bytes and parsed by the engine.
    static let ruleSetData: [String: Data] = Dictionary(uniqueKeysWithValues: files.map { service, file in
        (service, try! JSONEncoder().encode(file.ruleSet))
    })

    /// Parsed once and shared by all cases, as a client would.
    static let ruleSets: [String: EndpointRuleSet] = ruleSetData.mapValues { try! EndpointRuleSet(data: $0) }
}
