import ArgumentParser

/// `iris-container`: the walkthrough's inference container in one binary. SageMaker starts an
/// image as `docker run <image> serve`, so `serve` is a subcommand, as the contract expects.
@main
struct IrisContainerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iris-container",
        abstract: "The iris classifier as a SageMaker inference container.",
        subcommands: [ServeCommand.self, TrainCommand.self])
}
