import Foundation

/// The SQS queue policy that lets SNS deliver from the given topics, and nothing else.
enum QueuePolicy {
    static func allowing(topics: [String], queueARN: String) -> String {
        let document: [String: Any] = [
            "Version": "2012-10-17",
            "Statement": [[
                "Sid": "AllowSageMakerResultTopics",
                "Effect": "Allow",
                "Principal": ["Service": "sns.amazonaws.com"],
                "Action": "sqs:SendMessage",
                "Resource": queueARN,
                "Condition": ["ArnEquals": ["aws:SourceArn": topics.sorted()]],
            ] as [String: Any]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
