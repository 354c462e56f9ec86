import Foundation

/// Whether a Docker engine answers, asked once (`docker info`, at most 5 s) when the first image
/// the images file does not map needs it.
actor DockerProbe {
    private var answer: Bool?

    func engineAnswers() async -> Bool {
        if let answer { return answer }
        let result = await Self.ask()
        answer = result
        return result
    }

    private static func ask() async -> Bool {
        guard let child = try? ChildProcess(
            arguments: ["docker", "info", "--format", "{{.ServerVersion}}"],
            environment: ProcessInfo.processInfo.environment, workingDirectory: nil, outputPath: nil)
        else { return false }
        let deadline = ContinuousClock.now + .seconds(5)
        while child.exitStatus == nil && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard let status = child.exitStatus else {
            await child.stop()
            return false
        }
        return status == 0
    }
}
