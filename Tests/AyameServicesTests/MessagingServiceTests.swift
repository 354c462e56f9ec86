import AyameCore
import AyameSNS
import AyameSQS
import AyameSTS
import Foundation
import Testing

@Suite struct MessagingServiceTests {
    @Test func callerIdentity() async throws {
        let sts = STSClient(runtime: try await MotoServices.runtime(.sts))
        let identity = try await sts.getCallerIdentity()
        #expect(identity.account == "123456789012")
    }

    @Test func topicToQueue() async throws {
        let sqs = SQSClient(runtime: try await MotoServices.runtime(.sqs))
        let sns = SNSClient(runtime: try await MotoServices.runtime(.sns))
        let queue = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: MotoServices.uniqueName("results")))
        let queueURL = try #require(queue.queueUrl)
        let attributes = try await sqs.getQueueAttributes(SQS.GetQueueAttributesRequest(queueUrl: queueURL, attributeNames: [.queueArn]))
        let queueARN = try #require(attributes.attributes?[SQS.QueueAttributeName.queueArn.rawValue])

        let topic = try await sns.createTopic(name: MotoServices.uniqueName("done"))
        let topicARN = try #require(topic.topicArn)
        let subscription = try await sns.subscribe(SNS.SubscribeInput(
            topicArn: topicARN, protocol: "sqs", endpoint: queueARN, attributes: ["RawMessageDelivery": "true"]))
        #expect(subscription.subscriptionArn?.hasPrefix(topicARN) == true)
        _ = try await sns.publish(SNS.PublishInput(message: "inference finished", topicArn: topicARN))

        _ = try await sqs.sendMessage(SQS.SendMessageRequest(queueUrl: queueURL, messageBody: "direct"))
        var bodies: [String] = []
        for _ in 0..<5 where bodies.count < 2 {
            let received = try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: queueURL, maxNumberOfMessages: 10))
            for message in received.messages ?? [] {
                bodies.append(message.body ?? "")
                try await sqs.deleteMessage(queueUrl: queueURL, receiptHandle: try #require(message.receiptHandle))
            }
        }
        #expect(bodies.sorted() == ["direct", "inference finished"])
    }
}
