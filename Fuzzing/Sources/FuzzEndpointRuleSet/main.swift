import AyameCore
import FuzzSupport
import Foundation

/// Values offered to every declared parameter of a parsed rule set, so that the fuzzer reaches
/// the evaluator (string functions, URL parsing, ARN parsing, partitions) and not only the loader.
private let candidateValues: [EndpointParameterType: [EndpointValue]] = [
    .string: [
        .string("us-east-1"), .string("https://example.com:8443/base?x=1"),
        .string("arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap"), .string("a..b"), .string(""),
    ],
    .boolean: [.bool(true), .bool(false)],
    .stringArray: [.array([.string("a"), .string("")]), .array([])],
]

/// Any bytes as an endpoint rule-set document: loading must return or throw an
/// `EndpointError`, and resolving a loaded rule set must return or throw one too, without
/// trapping, leaking or spinning.
private func fuzzEndpointRuleSet(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let document = Data(UnsafeRawBufferPointer(start: data, count: size))
    guard let ruleSet = try? EndpointRuleSet(data: document) else { return 0 }
    for choice in 0..<3 {
        var parameters: [String: EndpointValue] = [:]
        for parameter in ruleSet.parameters {
            guard let values = candidateValues[parameter.type] else { continue }
            parameters[parameter.name] = values[(choice + parameter.name.utf8.count) % values.count]
        }
        _ = try? ruleSet.resolve(parameters)
    }
    return 0
}

runFuzzer { data, size in fuzzEndpointRuleSet(data, size) }
