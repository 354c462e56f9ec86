@testable import AyameLocal
import AyameSageMakerRuntime
import Foundation
import Testing

/// InvokeEndpointAsync and InvokeEndpoint through the SDK's generated SageMaker Runtime client.
@Suite struct InvocationTests {
    @Test func twoHundredConcurrentAsyncInvocationsAreEachAnsweredAndWrittenOnce() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("concurrent-model")
            // Every request that reaches a container is appended to the journal, one line each.
            let journal = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-local-journal-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: journal) }
            let endpoint = try await harness.deploy(
                bucket: bucket, behaviour: "uppercase", environment: ["FAKE_MODEL_JOURNAL": journal], instances: 2,
                async: AsyncSpec(outputPath: "s3://\(bucket)/output/", failurePath: "s3://\(bucket)/failure", maxConcurrentPerInstance: 4))
            try await harness.waitForStatus(endpoint, ["InService"])
            let count = 200
            let answers = try await withThrowingTaskGroup(of: (Int, AsyncAnswer).self) { group in
                for index in 0..<count {
                    group.addTask {
                        let key = "input/\(index).txt"
                        try await harness.s3.put(Data("request \(index)".utf8), bucket: bucket, key: key)
                        let answer = try await harness.invoker.invokeTestAsync(endpoint: endpoint, input: "s3://\(bucket)/\(key)")
                        return (index, answer)
                    }
                }
                var collected: [Int: AsyncAnswer] = [:]
                for try await (index, answer) in group { collected[index] = answer }
                return collected
            }
            #expect(Set(answers.values.map(\.inferenceId)).count == count)
            for (index, answer) in answers {
                #expect(answer.outputLocation == "s3://\(bucket)/output/\(answer.inferenceId).out")
                #expect(answer.failureLocation == "s3://\(bucket)/failure/\(answer.inferenceId)-error.out")
                let body = try await harness.waitForObject(answer.outputLocation, seconds: 60)
                #expect(String(decoding: body, as: UTF8.self) == "concurrent-model|text/plain||REQUEST \(index)")
                #expect(await harness.s3.get(bucket: bucket, key: "failure/\(answer.inferenceId)-error.out") == nil)
            }
            // Each request reached a container exactly once (and each reaching writes one result).
            let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines.count == count)
            #expect(Set(lines) == Set((0..<count).map { "request \($0)" }))
        }
    }

    @Test func failuresTimeoutsAndExpiredRequestsLandInTheFailurePath() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("failing-model")
            try await harness.s3.put(Data("payload".utf8), bucket: bucket, key: "input/payload.txt")
            let input = "s3://\(bucket)/input/payload.txt"
            let failing = try await harness.deploy(
                bucket: bucket, behaviour: "fail", environment: ["FAKE_MODEL_MESSAGE": "bad petal length"],
                async: AsyncSpec(outputPath: "s3://\(bucket)/output", failurePath: "s3://\(bucket)/failure"))
            // One instance taking one request at a time, 3 s each: later requests wait.
            let slow = try await harness.deploy(
                bucket: bucket, behaviour: "sleep", environment: ["FAKE_MODEL_SLEEP_SECONDS": "3"],
                async: AsyncSpec(outputPath: "s3://\(bucket)/output", failurePath: "s3://\(bucket)/failure"))
            let crashing = try await harness.deploy(
                bucket: bucket, behaviour: "crash",
                async: AsyncSpec(outputPath: "s3://\(bucket)/output", failurePath: "s3://\(bucket)/failure"))
            try await harness.waitForStatus(failing, ["InService"])
            try await harness.waitForStatus(slow, ["InService"])
            try await harness.waitForStatus(crashing, ["InService"])

            let failed = try await harness.invoker.invokeTestAsync(endpoint: failing, input: input)
            let failure = String(decoding: try await harness.waitForObject(failed.failureLocation ?? ""), as: UTF8.self)
            #expect(failure == "bad petal length")
            #expect(await harness.s3.get(bucket: bucket, key: "output/\(failed.inferenceId).out") == nil)

            // 60 AWS seconds are one second at --time-scale 60. The first request holds the only
            // slot for 3 s, so the second is older than its TTL when its turn comes; the third
            // then runs and outlasts its invocation timeout.
            let first = try await harness.invoker.invokeTestAsync(endpoint: slow, input: input)
            let waiting = try await harness.invoker.invokeTestAsync(endpoint: slow, input: input, requestTTLSeconds: 60)
            let timedOut = try await harness.invoker.invokeTestAsync(endpoint: slow, input: input, invocationTimeoutSeconds: 60)
            let done = String(decoding: try await harness.waitForObject(first.outputLocation), as: UTF8.self)
            #expect(done == "failing-model|text/plain||payload")
            let timeout = String(decoding: try await harness.waitForObject(timedOut.failureLocation ?? ""), as: UTF8.self)
            #expect(timeout.contains("invocation timeout of 60 seconds"))
            let expired = String(decoding: try await harness.waitForObject(waiting.failureLocation ?? ""), as: UTF8.self)
            #expect(expired.contains("Request expired"))

            // A container that dies mid-request is reported with its exit status and last words.
            let crashed = try await harness.invoker.invokeTestAsync(endpoint: crashing, input: input)
            let crash = String(decoding: try await harness.waitForObject(crashed.failureLocation ?? ""), as: UTF8.self)
            #expect(crash.contains("exited with status 3"))
            #expect(crash.contains("crashing on purpose"))
        }
    }

    @Test func notificationsReachAnSQSQueueSubscribedToTheTopics() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("notifying-model")
            try await harness.s3.put(Data("notify me".utf8), bucket: bucket, key: "input/n.txt")
            let queueName = RuntimeHarness.unique("ayame-local-results")
            let queueURL = try await harness.sqs.createQueue(queueName: queueName).queueUrl ?? ""
            let queueArn = "arn:aws:sqs:\(RuntimeHarness.region):123456789012:\(queueName)"
            let success = try await harness.sns.createTopic(name: RuntimeHarness.unique("success")).topicArn ?? ""
            let error = try await harness.sns.createTopic(name: RuntimeHarness.unique("error")).topicArn ?? ""
            for topic in [success, error] {
                _ = try await harness.sns.subscribe(
                    topicArn: topic, protocol: "sqs", endpoint: queueArn, attributes: ["RawMessageDelivery": "true"])
            }
            let ok = try await harness.deploy(
                bucket: bucket, behaviour: "echo",
                async: AsyncSpec(outputPath: "s3://\(bucket)/output", failurePath: "s3://\(bucket)/failure",
                                 successTopic: success, errorTopic: error, includeResponseIn: ["SUCCESS_NOTIFICATION_TOPIC"]))
            let failing = try await harness.deploy(
                bucket: bucket, behaviour: "fail", environment: ["FAKE_MODEL_MESSAGE": "no such species"],
                async: AsyncSpec(outputPath: "s3://\(bucket)/output", failurePath: "s3://\(bucket)/failure",
                                 successTopic: success, errorTopic: error))
            try await harness.waitForStatus(ok, ["InService"])
            try await harness.waitForStatus(failing, ["InService"])
            let completed = try await harness.invoker.invokeTestAsync(endpoint: ok, input: "s3://\(bucket)/input/n.txt")
            let failed = try await harness.invoker.invokeTestAsync(endpoint: failing, input: "s3://\(bucket)/input/n.txt")

            var messages: [String: [String: Any]] = [:]
            let deadline = Date().addingTimeInterval(30)
            while messages.count < 2 && Date() < deadline {
                for body in try await harness.sqs.receiveBodies(queueURL: queueURL) {
                    if let document = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                       let id = document["inferenceId"] as? String {
                        messages[id] = document
                    }
                }
            }
            let success0 = try #require(messages[completed.inferenceId])
            #expect(success0["invocationStatus"] as? String == "Completed")
            #expect(success0["eventName"] as? String == "InferenceResult")
            #expect((success0["responseParameters"] as? [String: Any])?["outputLocation"] as? String == completed.outputLocation)
            #expect((success0["requestParameters"] as? [String: Any])?["endpointName"] as? String == ok)
            #expect(((success0["responseBody"] as? [String: Any])?["content"] as? String)?.hasSuffix("|notify me") == true)
            let failure0 = try #require(messages[failed.inferenceId])
            #expect(failure0["invocationStatus"] as? String == "Failed")
            #expect((failure0["failureReason"] as? String)?.contains("no such species") == true)
            #expect(failure0["responseBody"] == nil)
        }
    }

    @Test func realTimeInvocationHonoursTargetVariant() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("two-variant-model")
            var variants: [VariantSpec] = []
            for (name, behaviour) in [("Echo", "echo"), ("Upper", "uppercase")] {
                let model = RuntimeHarness.unique("model")
                try await harness.sageMaker.createTestModel(
                    name: model, image: RuntimeHarness.image, modelDataURL: "s3://\(bucket)/model/model.tar.gz",
                    environment: ["FAKE_MODEL_BEHAVIOUR": behaviour])
                variants.append(VariantSpec(name: name, model: model))
            }
            let config = RuntimeHarness.unique("config")
            try await harness.sageMaker.createTestConfig(name: config, variants: variants, async: nil)
            let endpoint = RuntimeHarness.unique("endpoint")
            _ = try await harness.sageMaker.createEndpoint(endpointName: endpoint, endpointConfigName: config)
            try await harness.waitForStatus(endpoint, ["InService"])
            let upper = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("v".utf8), targetVariant: "Upper")
            #expect(upper.variant == "Upper")
            #expect(String(decoding: upper.body, as: UTF8.self).hasSuffix("|V"))
            let echo = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("v".utf8), targetVariant: "Echo")
            #expect(echo.variant == "Echo")
            var seen: Set<String> = []
            for _ in 0..<40 { seen.insert(try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("v".utf8)).variant ?? "") }
            #expect(seen == ["Echo", "Upper"])
            let unknown = await serviceError {
                _ = try await harness.invoker.invokeTest(endpoint: endpoint, body: Data("v".utf8), targetVariant: "Missing")
            }
            #expect(unknown?.code == "ValidationError")
        }
    }

    @Test func realTimeInvocationAnswersAndReportsModelErrors() async throws {
        try await RuntimeHarness.with { harness in
            let bucket = try await harness.bucketWithModel("realtime-model")
            let failing = try await harness.deploy(
                bucket: bucket, behaviour: "fail", environment: ["FAKE_MODEL_MESSAGE": "sepal too long"], async: nil)
            try await harness.waitForStatus(failing, ["InService"])
            let modelError = await serviceError { _ = try await harness.invoker.invokeTest(endpoint: failing, body: Data("x".utf8)) }
            #expect(modelError?.code == "ModelError")
            #expect(modelError?.statusCode == 424)
            #expect(modelError?.message?.contains("sepal too long") == true)

            let notAsync = await serviceError {
                _ = try await harness.invoker.invokeTestAsync(endpoint: failing, input: "s3://\(bucket)/input/x")
            }
            #expect(notAsync?.code == "ValidationError")
            #expect(notAsync?.message?.contains("AsyncInferenceConfig") == true)
            let unknown = await serviceError {
                _ = try await harness.invoker.invokeTestAsync(endpoint: "no-such-endpoint", input: "s3://\(bucket)/input/x")
            }
            #expect(unknown?.code == "ValidationError")
            #expect(unknown?.message?.contains("not found") == true)
        }
    }
}
