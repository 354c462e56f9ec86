@testable import AyameLocal
import Testing

/// Command lines the runtime builds, including the Docker one no machine here can run.
@Suite struct LaunchPlanTests {
    @Test func aMappedImageGetsServeThePortsAndTheModelEnvironment() {
        let plan = LaunchPlan.mappedImage(
            ImageRecipe(command: ["python3", "model.py"], workingDirectory: "/srv", environment: ["A": "image", "B": "image"]),
            modelDirectory: "/state/model", port: 4321, modelEnvironment: ["B": "model"], baseEnvironment: ["PATH": "/bin"],
            isolated: false)
        #expect(plan.arguments == ["python3", "model.py", "serve"])
        #expect(plan.workingDirectory == "/srv")
        #expect(plan.environment == [
            "PATH": "/bin", "A": "image", "B": "model", "SM_MODEL_DIR": "/state/model",
            "SAGEMAKER_BIND_TO_PORT": "4321", "PORT": "4321",
        ])
    }

    @Test func isolationBindsTheModelDirectoryAtOptMLModel() {
        let plan = LaunchPlan.mappedImage(
            ImageRecipe(command: ["serve-model"]), modelDirectory: "/state/model", port: 1, modelEnvironment: [:],
            baseEnvironment: [:], isolated: true)
        #expect(Array(plan.arguments.prefix(5)) == ["unshare", "--mount", "--propagation", "private", "sh"])
        #expect(plan.arguments.suffix(3) == ["/state/model", "serve-model", "serve"])
        #expect(plan.arguments[6].contains("mount --bind \"$1\" /opt/ml/model"))
        #expect(plan.environment["SM_MODEL_DIR"] == "/opt/ml/model")
    }

    @Test func anUnmappedImageRunsWithDockerRun() {
        let plan = LaunchPlan.docker(
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/iris:latest", containerName: "ayame-e-AllTraffic-0",
            modelDirectory: "/state/model", port: 5000, modelEnvironment: ["Z": "1", "A": "2"], baseEnvironment: [:])
        #expect(plan.arguments == [
            "docker", "run", "--rm", "--name", "ayame-e-AllTraffic-0",
            "-v", "/state/model:/opt/ml/model:ro", "-p", "127.0.0.1:5000:8080",
            "-e", "A=2", "-e", "Z=1", "-e", "SM_MODEL_DIR=/opt/ml/model",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/iris:latest", "serve",
        ])
    }

    @Test func outputAndFailureNamesFollowAWS() {
        #expect(AsyncInvocation.location(path: "s3://b/out/", extensionPath: nil, name: "id.out")?.description == "s3://b/out/id.out")
        #expect(AsyncInvocation.location(path: "s3://b/out", extensionPath: "/day1/", name: "id-error.out")?.description == "s3://b/out/day1/id-error.out")
        #expect(RuntimeOperations.Route(method: "POST", path: "/endpoints/my-endpoint/async-invocations") == .invokeAsync(endpoint: "my-endpoint"))
        #expect(RuntimeOperations.Route(method: "POST", path: "/endpoints/my-endpoint/invocations") == .invoke(endpoint: "my-endpoint"))
        #expect(RuntimeOperations.Route(method: "POST", path: "/endpoints/my-endpoint/invocations-response-stream")
            == .invokeWithResponseStream(endpoint: "my-endpoint"))
        #expect(RuntimeOperations.Route(method: "GET", path: "/endpoints/my-endpoint/invocations") == nil)
        #expect(SignatureVerifier.timestamp(basicISO8601: "20261202T052729Z")?.secondsSince1970 == 1_796_189_249)
    }
}
