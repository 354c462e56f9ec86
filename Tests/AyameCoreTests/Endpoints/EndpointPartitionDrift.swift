@testable import AyameCore
import Foundation
import Testing

/// The corpus cases whose expectations depend on partition data that changed after the
/// cases were written.
///
/// The cases (aws/api-models-aws, 2025-04) expect `aws-iso` (`us-iso-*`) and `aws-iso-b`
/// (`us-isob-*`) to lack dual-stack support, so asking for DualStack there is an error. The
/// embedded botocore 1.43.11 `partitions.json` now declares `supportsDualStack: true` for
/// both (with `dualStackDnsSuffix` `api.aws.ic.gov` and `api.aws.scloud`), so the same rule
/// sets resolve dual-stack URLs instead. These are 4 cases in each of 8 services; S3's
/// cases do not cover the ISO partitions with dual-stack.
enum EndpointPartitionDrift {
    static let caseIDs: Set<String> = [
        "application-auto-scaling#38", "application-auto-scaling#40", "application-auto-scaling#42", "application-auto-scaling#44",
        "cloudwatch#41", "cloudwatch#43", "cloudwatch#45", "cloudwatch#47",
        "ecr#41", "ecr#43", "ecr#45", "ecr#47",
        "sagemaker#39", "sagemaker#41", "sagemaker#42", "sagemaker#44",
        "sagemaker-runtime#39", "sagemaker-runtime#41", "sagemaker-runtime#42", "sagemaker-runtime#44",
        "sns#41", "sns#43", "sns#45", "sns#47",
        "sqs#40", "sqs#42", "sqs#44", "sqs#46",
        "sts#42", "sts#44", "sts#46", "sts#48",
    ]

    static let explanation: Comment = """
        Partition drift: the 2025-04 expectation says aws-iso/aws-iso-b do not support \
        DualStack; botocore 1.43.11's partitions.json says they do (see EndpointPartitionDrift).
        """

    static func isAffected(_ testCase: EndpointTestCase) -> Bool {
        caseIDs.contains("\(testCase.service)#\(testCase.index)")
    }

    /// The embedded partitions with exactly the drifted fields put back as the cases assume:
    /// no dual-stack in `aws-iso` and `aws-iso-b`. Everything else is the bundled data.
    static let partitionsAsOfCorpus: EndpointPartitions = {
        var document = try! JSONDecoder().decode(EndpointValue.self, from: Data(endpointBundledPartitionsJSON.utf8))
        guard case .object(var root) = document, case .array(var partitions) = root["partitions"] else {
            fatalError("unexpected partitions layout")
        }
        for (index, partition) in partitions.enumerated() {
            guard case .object(var fields) = partition, let id = fields["id"]?.stringValue,
                  ["aws-iso", "aws-iso-b"].contains(id), case .object(var outputs) = fields["outputs"] else { continue }
            outputs["supportsDualStack"] = false
            fields["outputs"] = .object(outputs)
            partitions[index] = .object(fields)
        }
        root["partitions"] = .array(partitions)
        document = .object(root)
        return try! EndpointPartitions(data: JSONEncoder().encode(document))
    }()

    /// The corpus's rule sets, parsed once against ``partitionsAsOfCorpus``.
    static let corpusEraRuleSets: [String: EndpointRuleSet] = EndpointTestCorpus.ruleSetData.mapValues {
        try! EndpointRuleSet(data: $0, partitions: partitionsAsOfCorpus)
    }
}
