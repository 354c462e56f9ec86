import AyameAsyncInference
import AyameCore
import Foundation
import Testing

/// The rows of `Documentation/Errors.md`: each bad input and the exact error a user gets.
@Suite struct SpecErrorCatalogTests {
    @Test func endpointNameHasAnUnderscore() async {
        let text = await errorText { _ = try modified { spec in spec.endpointName = "my_endpoint" }.validate() }
        expectCatalogRow("endpointNameHasAnUnderscore", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - endpointName: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit (got \"my_endpoint\")")
    }

    @Test func endpointNameIsTooLong() async {
        let text = await errorText { _ = try modified { spec in spec.endpointName = String(repeating: "e", count: 64) }.validate() }
        expectCatalogRow("endpointNameIsTooLong", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - endpointName: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit (got \"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\")")
    }

    @Test func executionRoleIsNotAnIAMRoleARN() async {
        let text = await errorText { _ = try modified { spec in spec.model.executionRoleARN = "arn:aws:iam::123456789012:user/me" }.validate() }
        expectCatalogRow("executionRoleIsNotAnIAMRoleARN", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - model.executionRoleARN: an ARN like arn:aws:iam::123456789012:role/SageMakerExecutionRole (got \"arn:aws:iam::123456789012:user/me\")")
    }

    @Test func topicARNIsNotAnSNSARN() async {
        let text = await errorText { _ = try modified { spec in spec.asyncInference.successTopicARN = "arn:aws:sqs:us-east-1:123456789012:q" }.validate() }
        expectCatalogRow("topicARNIsNotAnSNSARN", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - asyncInference.successTopicARN: an ARN like arn:aws:sns:ap-northeast-1:123456789012:async-success (got \"arn:aws:sqs:us-east-1:123456789012:q\")")
    }

    @Test func modelDataURLIsNotAnS3URI() async {
        let text = await errorText { _ = try modified { spec in spec.model.modelDataURL = "https://bucket.s3.amazonaws.com/model.tar.gz" }.validate() }
        expectCatalogRow("modelDataURLIsNotAnS3URI", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - model.modelDataURL: an S3 URI s3://bucket/key with a valid bucket name (got \"https://bucket.s3.amazonaws.com/model.tar.gz\")")
    }

    @Test func outputPathHasAnInvalidBucketName() async {
        let text = await errorText { _ = try modified { spec in spec.asyncInference.outputPath = "s3://My_Bucket/out/" }.validate() }
        expectCatalogRow("outputPathHasAnInvalidBucketName", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - asyncInference.outputPath: an S3 URI s3://bucket/key with a valid bucket name (got \"s3://My_Bucket/out/\")")
    }

    @Test func s3LocationBucketIsTooShort() async {
        let text = await errorText { _ = try S3ObjectLocation(uri: "s3://ab/inputs/1.json") }
        expectCatalogRow("s3LocationBucketIsTooShort", text, "Invalid input: S3ObjectLocation.uri(s3://ab/inputs/1.json) breaks `bucket `ab` must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit`. Fix the value; nothing was sent.")
    }

    @Test func s3LocationHasTheWrongScheme() async {
        let text = await errorText { _ = try S3ObjectLocation(uri: "s3:/bucket/key") }
        expectCatalogRow("s3LocationHasTheWrongScheme", text, "Invalid input: S3ObjectLocation.uri(s3:/bucket/key) breaks `must start with s3://, as in s3://my-bucket/inputs`. Fix the value; nothing was sent.")
    }

    @Test func instanceCountIsZero() async {
        let text = await errorText { _ = try modified { spec in spec.variants[0] = ProductionVariantSpec(name: "AllTraffic", instanceType: "ml.m5.large", initialInstanceCount: 0) }.validate() }
        expectCatalogRow("instanceCountIsZero", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - variants[0].initialInstanceCount: at least 1 (autoscaling takes it to zero)")
    }

    @Test func maxConcurrentInvocationsIsTooLarge() async {
        let text = await errorText { _ = try modified { spec in spec.asyncInference.maxConcurrentInvocationsPerInstance = 1001 }.validate() }
        expectCatalogRow("maxConcurrentInvocationsIsTooLarge", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - asyncInference.maxConcurrentInvocationsPerInstance: 1 to 1000 (got 1001)")
    }

    @Test func instanceTypeIsNotAnMLType() async {
        let text = await errorText { _ = try modified { spec in spec.variants[0] = ProductionVariantSpec(name: "AllTraffic", instanceType: "m5.large") }.validate() }
        expectCatalogRow("instanceTypeIsNotAnMLType", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - variants[0].instanceType: a SageMaker instance type like ml.m5.large (got \"m5.large\")")
    }

    @Test func specJSONIsNotJSON() async {
        let text = await errorText { _ = try AsyncEndpointSpec(json: Data("endpointName: x".utf8)) }
        expectCatalogRow("specJSONIsNotJSON", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - (document): valid JSON (Invalid value around character 0.)")
    }

    @Test func specJSONHasAnUnknownKey() async {
        let text = await errorText { _ = try AsyncEndpointSpec(json: Data(#"{"endpointname": "x"}"#.utf8)) }
        expectCatalogRow("specJSONHasAnUnknownKey", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - endpointname: an unknown field (expected one of asyncInference, endpointConfigName, endpointName, model, scaling, tags, variants)\n  - endpointName: required (a string)\n  - model: required (an object)\n  - variants: required (a list of variants)\n  - asyncInference: required (an object)")
    }

    @Test func specJSONHasTheWrongType() async {
        let text = await errorText { _ = try AsyncEndpointSpec(json: Data(#"{"endpointName": "e", "endpointConfigName": "c", "model": {"name": "m", "imageURI": "i", "modelDataURL": "s3://my-bucket/model.tar.gz", "executionRoleARN": "arn:aws:iam::123456789012:role/r"}, "variants": "AllTraffic", "asyncInference": {"outputPath": "s3://my-bucket/out/"}}"#.utf8)) }
        expectCatalogRow("specJSONHasTheWrongType", text, "The async endpoint spec is invalid; nothing was sent. Fix:\n  - variants: a list of variants\n  - variants: 1 to 10 production variants (got 0)")
    }
}
