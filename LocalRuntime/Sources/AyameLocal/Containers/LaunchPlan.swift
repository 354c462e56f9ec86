/// The exact command line and environment an instance is started with. Built apart from the
/// starting so that the Docker path, which cannot run on machines without an engine, is tested
/// down to its arguments.
struct LaunchPlan: Sendable, Equatable {
    /// Program and arguments (the program is looked up on PATH).
    var arguments: [String]
    /// The complete environment of the process.
    var environment: [String: String]
    /// The directory it starts in.
    var workingDirectory: String?

    /// Where SageMaker containers find their model.
    static let sageMakerModelDirectory = "/opt/ml/model"

    /// A mapped image: its command plus `serve`, with the model's environment, `SM_MODEL_DIR`
    /// and the port variables. With `isolated`, the process runs in a private mount namespace
    /// where `modelDirectory` is bound at /opt/ml/model (and `SM_MODEL_DIR` says so).
    static func mappedImage(
        _ recipe: ImageRecipe, modelDirectory: String, port: Int, modelEnvironment: [String: String],
        baseEnvironment: [String: String], isolated: Bool
    ) -> LaunchPlan {
        var environment = baseEnvironment
        for (name, value) in recipe.environment ?? [:] { environment[name] = value }
        for (name, value) in modelEnvironment { environment[name] = value }
        environment["SM_MODEL_DIR"] = isolated ? sageMakerModelDirectory : modelDirectory
        environment["SAGEMAKER_BIND_TO_PORT"] = String(port)
        environment["PORT"] = String(port)
        var arguments = recipe.command + ["serve"]
        if isolated {
            // unshare execs sh, sh execs the program: one PID throughout, so a signal to the
            // child reaches the program itself.
            let script = "mkdir -p \(sageMakerModelDirectory) && mount --bind \"$1\" \(sageMakerModelDirectory) && shift && exec \"$@\""
            arguments = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "ayame-model-mount", modelDirectory]
                + arguments
        }
        return LaunchPlan(arguments: arguments, environment: environment, workingDirectory: recipe.workingDirectory)
    }

    /// An image the images file does not map, run by a Docker engine: the model directory
    /// mounted read-only at /opt/ml/model, the container's port 8080 published on `port`.
    static func docker(
        image: String, containerName: String, modelDirectory: String, port: Int, modelEnvironment: [String: String],
        baseEnvironment: [String: String]
    ) -> LaunchPlan {
        var arguments = [
            "docker", "run", "--rm", "--name", containerName,
            "-v", "\(modelDirectory):\(sageMakerModelDirectory):ro",
            "-p", "127.0.0.1:\(port):8080",
        ]
        for name in modelEnvironment.keys.sorted() {
            arguments += ["-e", "\(name)=\(modelEnvironment[name] ?? "")"]
        }
        arguments += ["-e", "SM_MODEL_DIR=\(sageMakerModelDirectory)", image, "serve"]
        return LaunchPlan(arguments: arguments, environment: baseEnvironment, workingDirectory: nil)
    }
}
