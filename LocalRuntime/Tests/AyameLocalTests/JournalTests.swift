@testable import AyameLocal
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The state journal: what its records replay to, a torn last line, the rewrite at start-up, and
/// the stale-container check that must never touch a process that reused a PID.
@Suite struct JournalTests {
    static func invocation(_ id: String, endpoint: String = "ep") -> AsyncInvocation {
        let settings = AsyncInferenceSettings(
            outputPath: "s3://bucket/out", failurePath: nil, successTopic: "arn:aws:sns:us-east-1:123456789012:done",
            errorTopic: nil, includeResponseIn: [], maxConcurrentInvocationsPerInstance: 1, document: Data("{}".utf8))
        return AsyncInvocation(
            inferenceId: id, endpointName: endpoint, region: "us-east-1", inputLocation: "s3://bucket/in/\(id)",
            input: S3Location(bucket: "bucket", key: "in/\(id)"), contentType: "text/plain", accept: nil, customAttributes: nil,
            receivedAt: Date(), timeToLive: 60, invocationTimeout: 60, output: S3Location(bucket: "bucket", key: "out/\(id).out"),
            failure: S3Location(bucket: "bucket", key: "out/\(id)-error.out"), settings: settings)
    }

    static let endpoint = DeployedEndpoint(name: "ep", arn: "arn:ep", region: "us-east-1", configName: "config", creationTime: Date())

    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ayame-journal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func unfinishedRequestsComeBackInAcceptanceOrderUntilNotified() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try await StateJournal.rewrite(stateDirectory: directory, with: [])
        let message = PendingNotification(topic: "arn:aws:sns:us-east-1:123456789012:done", message: "{\"inferenceId\":\"b\"}")
        try await journal.append(.endpointDeployed(Self.endpoint))
        for id in ["c", "a", "b", "d", "e"] { try await journal.append(.requestAccepted(Self.invocation(id))) }
        try await journal.append(.requestAccepted(Self.invocation("gone", endpoint: "deleted")))
        try await journal.append(.resultWritten(inferenceId: "a", notification: nil))
        try await journal.append(.resultWritten(inferenceId: "b", notification: message))
        try await journal.append(.resultWritten(inferenceId: "d", notification: message))
        try await journal.append(.notificationSent(inferenceId: "d"))
        await journal.closeFile()
        // A crash in the middle of a write leaves a torn last line.
        let handle = try #require(FileHandle(forWritingAtPath: "\(directory)/\(StateJournal.fileName)"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"requestAcc".utf8))
        try handle.close()

        let state = try await StateJournal.replay(stateDirectory: directory)
        #expect(state.unfinishedRequests.map(\.invocation.inferenceId) == ["c", "b", "e"])
        #expect(state.unfinishedRequests.map(\.isWritten) == [false, true, false])
        #expect(state.unfinishedRequests[1].pendingNotification?.message == message.message)

        // The rewrite keeps exactly that state.
        let rewritten = try await StateJournal.rewrite(stateDirectory: directory, with: state.compactedRecords)
        await rewritten.closeFile()
        let again = try await StateJournal.replay(stateDirectory: directory)
        #expect(again.unfinishedRequests.map(\.invocation.inferenceId) == ["c", "b", "e"])
        #expect(again.unfinishedRequests.map(\.isWritten) == [false, true, false])
        #expect(again.endpoints.keys.sorted() == ["ep"])
    }

    @Test func scaledInstanceCountsOutliveARestartUntilTheNextDeployment() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try await StateJournal.rewrite(stateDirectory: directory, with: [])
        try await journal.append(.endpointDeployed(Self.endpoint))
        try await journal.append(.capacityChanged(endpoint: "ep", variant: "AllTraffic", instances: 3))
        try await journal.append(.capacityChanged(endpoint: "ep", variant: "AllTraffic", instances: 0))
        try await journal.append(.capacityChanged(endpoint: "ep", variant: "Shadow", instances: 2))
        try await journal.append(.capacityChanged(endpoint: "deleted", variant: "AllTraffic", instances: 5))
        await journal.closeFile()
        let state = try await StateJournal.replay(stateDirectory: directory)
        #expect(state.endpoints["ep"]?.instanceCounts == ["AllTraffic": 0, "Shadow": 2])
        #expect(state.endpoints["deleted"] == nil)

        // Compaction keeps the counts; a new deployment (an update) starts from its configuration.
        let rewritten = try await StateJournal.rewrite(stateDirectory: directory, with: state.compactedRecords)
        try await rewritten.append(.endpointDeployed(DeployedEndpoint(
            name: "ep", arn: "arn:ep", region: "us-east-1", configName: "config-2", creationTime: Date())))
        await rewritten.closeFile()
        let again = try await StateJournal.replay(stateDirectory: directory)
        #expect(again.endpoints["ep"]?.instanceCounts == nil)
        #expect(again.endpoints["ep"]?.configName == "config-2")

        let config = EndpointConfigRecord(
            name: "config", arn: "arn:config",
            variants: [VariantConfiguration(name: "AllTraffic", modelName: "m", initialInstanceCount: 1, initialWeight: 1, instanceType: "ml.m5.large")],
            asyncInference: nil)
        #expect(config.withInstanceCounts(["AllTraffic": 0]).variants[0].initialInstanceCount == 0)
        #expect(config.withInstanceCounts(nil).variants[0].initialInstanceCount == 1)
    }

    @Test func appendingToAClosedJournalFails() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try await StateJournal.rewrite(stateDirectory: directory, with: [])
        await journal.closeFile()
        await #expect(throws: StateJournal.Failure.self) { try await journal.append(.modelDeleted(name: "m")) }
    }

    #if os(Linux)
    @Test func staleContainersAreStoppedOnlyWhileTheirStartTimeMatches() async throws {
        let child = try ChildProcess(
            arguments: ["sleep", "30"], environment: ProcessInfo.processInfo.environment, workingDirectory: nil, outputPath: nil)
        let pid = child.processIdentifier
        let identity = try #require(ProcessIdentity.read(pid))
        #expect(identity.processGroup == pid)

        // Another process's start time under this PID: left alone.
        await StaleContainers.stop(
            [ContainerProcessRecord(processIdentifier: pid, startTime: identity.startTime + 1, endpoint: "ep", instance: "i")],
            grace: .milliseconds(200))
        #expect(child.exitStatus == nil)

        await StaleContainers.stop(
            [ContainerProcessRecord(processIdentifier: pid, startTime: identity.startTime, endpoint: "ep", instance: "i")],
            grace: .seconds(2))
        #expect(await child.waitForExit() == 128 + SIGTERM)
    }
    #endif
}
