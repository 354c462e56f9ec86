import Foundation

/// Collects problems field by field, so one validation reports everything wrong at once.
struct SpecChecker {
    private(set) var problems: [AsyncInferenceError.SpecProblem] = []

    mutating func require(_ condition: Bool, _ field: String, _ requirement: String) {
        if !condition { problems.append(.init(field: field, requirement: requirement)) }
    }

    /// SageMaker resource names: 1–`maximum` characters, letters, digits and inner hyphens.
    mutating func sageMakerName(_ name: String, _ field: String, maximum: Int = 63) {
        require(
            (1...maximum).contains(name.count) && Self.matches(name, #"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$"#), field,
            "1 to \(maximum) letters, digits and hyphens, starting and ending with a letter or digit (got \"\(name)\")")
    }

    /// `s3://bucket/key…` with a valid bucket name.
    mutating func s3URI(_ uri: String, _ field: String) {
        var valid = false
        if uri.hasPrefix("s3://") {
            let rest = uri.dropFirst(5)
            let bucket = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            valid = (3...63).contains(bucket.count) && Self.matches(bucket, #"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"#)
                && !bucket.contains("..")
        }
        require(valid, field, "an S3 URI s3://bucket/key with a valid bucket name (got \"\(uri)\")")
    }

    /// An ARN of the given service and resource shape.
    mutating func arn(_ value: String, _ field: String, service: String, resource: String, example: String) {
        require(
            Self.matches(value, "^arn:aws[a-z-]*:\(service):[a-z0-9-]*:[0-9]{12}:\(resource)$"), field,
            "an ARN like \(example) (got \"\(value)\")")
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }
}
