import Foundation
import IrisModel
import IrisServing
import Testing

/// The server in this process, reached over real HTTP on 127.0.0.1, configured the way SageMaker
/// configures the container: SAGEMAKER_BIND_TO_PORT and an SM_MODEL_DIR holding only model.tar.gz.
@Suite struct InProcessServerTests {
    @Test func servesPingAndInvocationsOverHTTP() async throws {
        let directory = try TestModel.directoryWithArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LoopbackHTTP.freePort()
        let configuration = try ServeConfiguration.resolve(
            host: "127.0.0.1",
            environment: ["SAGEMAKER_BIND_TO_PORT": String(port), "SM_MODEL_DIR": directory.path])
        let model = try await ModelLoader.load(fromDirectory: configuration.modelDirectory)
        let server = try IrisContainerServer(classifier: model.classifier, host: configuration.host, port: configuration.port)
        let running = Task { try await server.run() }
        do {
            try await server.waitUntilListening()
            try await exerciseTheContract(port: port)
        } catch {
            Issue.record(error)
        }
        // No grace period: the test's idle keep-alive connection would hold it to the end.
        await server.stop(timeout: 0)
        _ = await running.result
    }

    /// Guards the TCP_NODELAY fix (NoDelaySocketPool): with Nagle on, every answer on a reused
    /// connection waits for the client's delayed ACK, about 40 ms; without it, well under 1 ms.
    @Test func answersOnAKeptAliveConnectionWithoutTheDelayedACKWait() async throws {
        let port = try LoopbackHTTP.freePort()
        let listening = try IrisContainerServer(classifier: try TestModel.classifier(), host: "127.0.0.1", port: port)
        let running = Task { try await listening.run() }
        do {
            try await listening.waitUntilListening()
            var milliseconds: [Double] = []
            for _ in 0..<21 {
                let started = ContinuousClock.now
                let response = try await LoopbackHTTP.request("POST", port: port, path: "/invocations", body: TestModel.flowers[0].body)
                let elapsed = started.duration(to: .now)
                #expect(response.status == 200)
                milliseconds.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1_000)
            }
            let median = milliseconds.sorted()[milliseconds.count / 2]
            #expect(median < 30, "median \(median) ms over \(milliseconds.count) requests: \(milliseconds)")
        } catch {
            Issue.record(error)
        }
        await listening.stop(timeout: 0)
        _ = await running.result
    }

    private func exerciseTheContract(port: UInt16) async throws {
        let ping = try await LoopbackHTTP.request("GET", port: port, path: "/ping")
        #expect(ping.status == 200)
        #expect(ping.json?["status"] as? String == "OK")

        for flower in TestModel.flowers {
            let response = try await LoopbackHTTP.request("POST", port: port, path: "/invocations", body: flower.body)
            #expect(response.status == 200)
            #expect(response.contentType == "application/json")
            #expect(response.text == #"{"hanabira_prediction":"\#(flower.species)"}"#)
        }

        for bad in TestModel.badBodies {
            let response = try await LoopbackHTTP.request("POST", port: port, path: "/invocations", body: bad.body)
            #expect(response.status == 400, "\(bad.body)")
            #expect((response.json?["error"] as? String)?.contains(bad.messageContains) == true, "\(bad.body) → \(response.text)")
        }

        let unknown = try await LoopbackHTTP.request("GET", port: port, path: "/predict")
        #expect(unknown.status == 404)
        let wrongMethod = try await LoopbackHTTP.request("GET", port: port, path: "/invocations")
        #expect(wrongMethod.status == 405)
    }
}
