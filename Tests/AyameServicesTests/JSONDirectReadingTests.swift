import AyameApplicationAutoScaling
import AyameCloudWatch
import AyameCore
import AyameECR
import AyameSQS
import AyameSageMaker
import Foundation
import Testing

/// The direct reader (awsJson body → generated output type) against the general path (body →
/// `ShapeValue` tree → `init(shapeValue:)` with client error correction), over bodies made at
/// random from the real output schemas: the direct reader may give up, never disagree.
@Suite struct JSONDirectReadingTests {
    /// Outputs of the awsJson services, with the operations that return them.
    static let cases: [DifferentialCase] = [
        DifferentialCase(SageMaker.DescribeEndpointOutput.self, SageMakerOperations.describeEndpoint, .sageMaker),
        DifferentialCase(SageMaker.DescribeEndpointConfigOutput.self, SageMakerOperations.describeEndpointConfig, .sageMaker),
        DifferentialCase(SageMaker.DescribeModelOutput.self, SageMakerOperations.describeModel, .sageMaker),
        DifferentialCase(SageMaker.ListEndpointsOutput.self, SageMakerOperations.listEndpoints, .sageMaker),
        DifferentialCase(
            ApplicationAutoScaling.DescribeScalingPoliciesResponse.self, ApplicationAutoScalingOperations.describeScalingPolicies,
            .applicationAutoScaling),
        DifferentialCase(
            ApplicationAutoScaling.DescribeScalableTargetsResponse.self, ApplicationAutoScalingOperations.describeScalableTargets,
            .applicationAutoScaling),
        DifferentialCase(CloudWatch.DescribeAlarmsOutput.self, CloudWatchOperations.describeAlarms, .cloudWatch),
        DifferentialCase(CloudWatch.GetMetricDataOutput.self, CloudWatchOperations.getMetricData, .cloudWatch),
        DifferentialCase(ECR.DescribeRepositoriesResponse.self, ECROperations.describeRepositories, .ecr),
        DifferentialCase(ECR.DescribeImagesResponse.self, ECROperations.describeImages, .ecr),
        DifferentialCase(SQS.ReceiveMessageResult.self, SQSOperations.receiveMessage, .sqs),
    ]

    @Test("well-formed bodies are read directly, and to the value the tree path builds", arguments: cases)
    func wellFormedBodies(_ differential: DifferentialCase) throws {
        var generator = RandomJSONBodies(seed: 0xA7A3E, mode: .wellFormed)
        var readDirectly = 0
        for _ in 0..<300 {
            let body = generator.body(for: differential.schema)
            let outcome = try differential.compare(body)
            if outcome == .readDirectly { readDirectly += 1 }
            #expect(outcome != .disagreed, "\(differential.name): \(String(decoding: body, as: UTF8.self))")
        }
        // Every required member is present and no union is set: nothing to give up on.
        #expect(readDirectly == 300, "\(differential.name): \(readDirectly) of 300 read directly")
    }

    @Test("damaged bodies: the direct reader gives up or agrees", arguments: cases)
    func damagedBodies(_ differential: DifferentialCase) throws {
        var generator = RandomJSONBodies(seed: 0x5EED, mode: .damaged)
        var outcomes: [DifferentialCase.Outcome: Int] = [:]
        for _ in 0..<400 {
            let body = generator.body(for: differential.schema)
            let outcome = try differential.compare(body)
            outcomes[outcome, default: 0] += 1
            #expect(outcome != .disagreed, "\(differential.name): \(String(decoding: body, as: UTF8.self))")
        }
        // Both halves of the contract are exercised.
        #expect(outcomes[.readDirectly, default: 0] > 0, "\(differential.name): \(outcomes)")
        #expect(outcomes[.gaveUp, default: 0] > 0, "\(differential.name): \(outcomes)")
    }

    @Test("the canned DescribeEndpoint body reads directly into every member")
    func cannedDescribeEndpoint() throws {
        let body = Array("""
            {"EndpointName":"demo","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo",
             "EndpointConfigName":"demo-config","EndpointStatus":"InService","CreationTime":1764092179.461925,
             "LastModifiedTime":"2025-11-25T17:36:19.461Z","Unmodelled":{"a":[1,2,null]},
             "ProductionVariants":[{"VariantName":"AllTraffic","CurrentInstanceCount":1,"DesiredInstanceCount":1.0,
               "CurrentWeight":1,"DeployedImages":[null]}, null],
             "AsyncInferenceConfig":{"OutputConfig":{"S3OutputPath":"s3://bucket/out/"},"ClientConfig":null}}
            """.utf8)
        let output = try #require(JSONResponseReader.decode(body, as: SageMaker.DescribeEndpointOutput.self))
        #expect(output.endpointName == "demo")
        #expect(output.endpointStatus == .inService)
        #expect(output.creationTime == Date(timeIntervalSince1970: 1764092179.461925))
        #expect(output.lastModifiedTime == Date(timeIntervalSince1970: 1764092179.461))
        #expect(output.productionVariants?.count == 1)
        #expect(output.productionVariants?.first?.desiredInstanceCount == 1)
        #expect(output.productionVariants?.first?.currentWeight == 1.0)
        #expect(output.productionVariants?.first?.deployedImages == [])
        #expect(output.asyncInferenceConfig?.outputConfig.s3OutputPath == "s3://bucket/out/")
        #expect(output.asyncInferenceConfig?.clientConfig == nil)
        let general = try Self.cases[0].general(body)
        #expect(general as? SageMaker.DescribeEndpointOutput == output)
    }

    @Test("what the direct reader leaves to the general path", arguments: [
        // A repeated key: the general path keeps the last.
        #"{"EndpointName":"a","EndpointName":"b","EndpointArn":"x","EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":2}"#,
        // Wrong types and broken JSON: the general path words the error.
        #"{"EndpointName":5,"EndpointArn":"x","EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":2}"#,
        #"{"EndpointName":"a","EndpointArn":"x","EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":2,}"#,
        #"{"EndpointName":"a","EndpointArn":"x","EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":2} x"#,
        #"{"EndpointName":"a","EndpointArn":"x","EndpointStatus":"InService","CreationTime":"yesterday","LastModifiedTime":2}"#,
        "", "  ", "null", "[]",
    ])
    func leftToTheGeneralPath(_ text: String) {
        #expect(JSONResponseReader.decode(Array(text.utf8), as: SageMaker.DescribeEndpointOutput.self) == nil)
    }

    @Test("a missing required member gets the zero value the general path's error correction gives it")
    func missingRequiredMembers() throws {
        // moto's DescribeEndpoint: no EndpointArn, and an empty DataCaptureConfig whose four
        // members are all required.
        let body = Array(#"{"EndpointName":"demo","DataCaptureConfig":{},"EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":2}"#.utf8)
        let output = try #require(JSONResponseReader.decode(body, as: SageMaker.DescribeEndpointOutput.self))
        #expect(output.endpointArn == "")
        #expect(output.dataCaptureConfig == SageMaker.DataCaptureConfigSummary(
            enableCapture: false, captureStatus: "", currentSamplingPercentage: 0, destinationS3Uri: "", kmsKeyId: ""))
        #expect(try Self.cases[0].general(body) as? SageMaker.DescribeEndpointOutput == output)
    }

    @Test("escaped keys, a byte-order mark and whitespace read as the general path reads them")
    func escapesAndWhitespace() throws {
        let body = Array("\u{FEFF} {\"Endpoint\\u004eame\" : \"d\\u00e9mo\\n\" ,\"EndpointArn\":\"x\",\r\n\t\"EndpointStatus\":\"Creating\","
            .utf8) + Array("\"CreationTime\":0,\"LastModifiedTime\":-1.25,\"FailureReason\":null } \n".utf8)
        let output = try #require(JSONResponseReader.decode(body, as: SageMaker.DescribeEndpointOutput.self))
        #expect(output.endpointName == "démo\n")
        #expect(output.failureReason == nil)
        #expect(output.lastModifiedTime == Date(timeIntervalSince1970: -1.25))
        #expect(try Self.cases[0].general(body) as? SageMaker.DescribeEndpointOutput == output)
    }
}

/// One output type, its operation and service, decoded both ways.
struct DifferentialCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Hashable { case readDirectly, gaveUp, disagreed }

    let name: String
    let schema: ShapeSchema
    let direct: @Sendable ([UInt8]) -> (any AWSShape)?
    let general: @Sendable ([UInt8]) throws -> any AWSShape
    let equal: @Sendable (any AWSShape, any AWSShape) -> Bool

    var testDescription: String { name }

    init<Output: AWSShape & JSONResponseReadable>(
        _ type: Output.Type, _ operation: OperationDescriptor, _ service: ServiceDescriptor
    ) {
        name = operation.name
        schema = Output.schema
        direct = { JSONResponseReader.decode($0, as: Output.self) }
        general = { body in
            let codec = ProtocolCodecs.codec(for: service.wireProtocol)
            let tree = try codec.decodeResponse(
                ReceivedResponse(statusCode: 200, headers: [], body: body), operation: operation, service: service)
            return try ResponseDecoding.decode(tree, as: Output.self)
        }
        equal = { ($0 as? Output) == ($1 as? Output) }
    }

    /// Whether the direct reader read the body (and agreed with the general path) or gave up.
    func compare(_ body: [UInt8]) throws -> Outcome {
        guard let fast = direct(body) else { return .gaveUp }
        guard let slow = try? general(body) else { return .disagreed }
        return equal(fast, slow) ? .readDirectly : .disagreed
    }
}

/// Response bodies made at random from an output schema, reproducible from a seed.
///
/// `.wellFormed` bodies hold every required member and valid values in any JSON form the
/// general decoder accepts (numbers as `5` or `5.0`, timestamps as epoch numbers or ISO strings,
/// `null` members and elements, unknown keys, whitespace), but never a union member.
/// `.damaged` bodies add wrong types, missing required members, repeated keys and truncation.
struct RandomJSONBodies {
    enum Mode { case wellFormed, damaged }

    var state: UInt64
    let mode: Mode

    init(seed: UInt64, mode: Mode) {
        self.state = seed
        self.mode = mode
    }

    mutating func body(for schema: ShapeSchema) -> [UInt8] {
        var text = structure(schema, depth: 0)
        if mode == .damaged, chance(8) { text = String(text.prefix(Int(next() % UInt64(max(text.count, 1))))) }
        return Array(text.utf8)
    }

    mutating func next() -> UInt64 {
        // SplitMix64.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True one time in `n`.
    private mutating func chance(_ n: UInt64) -> Bool { next() % n == 0 }

    private mutating func space() -> String { chance(5) ? [" ", "\n", "\t ", "\r\n"][Int(next() % 4)] : "" }

    private mutating func structure(_ schema: ShapeSchema, depth: Int) -> String {
        var entries: [String] = []
        for member in schema.members {
            let target = member.target
            if target.kind == .union, mode == .wellFormed { continue }
            let required = member.isRequired && !(mode == .damaged && chance(10))
            guard required || (depth < 4 && !chance(3)) else { continue }
            let value = required ? self.value(target, depth: depth + 1) : (chance(8) ? "null" : self.value(target, depth: depth + 1))
            entries.append("\(quoted(member.wireName))\(space()):\(space())\(value)")
            if mode == .damaged, chance(40) { entries.append("\(quoted(member.wireName)):\(self.value(target, depth: depth + 1))") }
        }
        if chance(4) { entries.append("\"Unmodelled\(next() % 3)\":{\"x\":[1,\"y\",null,{}]}") }
        // Services write members in model order, but nothing requires it.
        if chance(3) { entries.shuffle(using: &self) }
        return "{" + space() + entries.joined(separator: "," + space()) + space() + "}"
    }

    private mutating func value(_ schema: ShapeSchema, depth: Int) -> String {
        if mode == .damaged, chance(25) { return ["\"text\"", "17", "true", "[]", "{}", "1.5"][Int(next() % 6)] }
        switch schema.kind {
        case .structure:
            return structure(schema, depth: depth)
        case .list:
            let element = schema.listMember!.target
            // A union is never set in a well-formed body (the direct reader leaves unions to the tree).
            let count = depth < 4 && (mode == .damaged || element.kind != .union) ? Int(next() % 4) : 0
            let items = (0..<count).map { _ in chance(10) ? "null" : value(element, depth: depth + 1) }
            return "[" + items.joined(separator: "," + space()) + "]"
        case .map:
            let valueSchema = schema.mapValue!.target
            let count = depth < 4 && (mode == .damaged || valueSchema.kind != .union) ? Int(next() % 3) : 0
            let entries = (0..<count).map { index in "\"k\(index)\":" + (chance(10) ? "null" : value(valueSchema, depth: depth + 1)) }
            return "{" + entries.joined(separator: ",") + "}"
        case .string:
            if let values = schema.traits.enumValues, !values.isEmpty, !chance(5) {
                return quoted(values[Int(next() % UInt64(values.count))])
            }
            return quoted(["", "plain", "tab\\there", "\\u00e9t\\u00e9", "quote\\\"d", "ünï"][Int(next() % 6)])
        case .integer, .long:
            return ["0", "-3", "42", "5.0", "9007199254740993", "-1e2"][Int(next() % 6)]
        case .float, .double:
            return ["0", "1.5", "-2.25e3", "7", "\"Infinity\"", "3.0000000000000004"][Int(next() % 6)]
        case .boolean:
            return chance(2) ? "true" : "false"
        case .timestamp:
            return ["1764092179", "1764092179.461925", "\"2025-11-25T17:36:19Z\"", "\"Tue, 25 Nov 2025 17:36:19 GMT\"", "0"][Int(next() % 5)]
        case .blob:
            return ["\"aGVsbG8=\"", "\"\"", "\"AAEC\""][Int(next() % 3)]
        case .document:
            return ["null", "{\"a\":[1,true]}", "\"s\"", "2.5"][Int(next() % 4)]
        case .union:
            return "{}"
        }
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }
}

extension RandomJSONBodies: RandomNumberGenerator {}
