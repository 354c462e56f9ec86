// swift-tools-version: 6.0
import PackageDescription

// The walkthrough's inference container (the seed's Flask app.py and serve script), in Swift.
// A package of its own that does not depend on the SDK: the container image builds only this.
// FlyingFox serves HTTP without SwiftNIO, so the image build stays short.
let package = Package(
    name: "IrisContainer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "iris-container", targets: ["IrisContainer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The classifier: data set, training, the model file and its archive. No HTTP.
        .target(name: "IrisModel"),
        // The SageMaker container contract: /ping, /invocations, model loading, request log.
        .target(
            name: "IrisServing",
            dependencies: [
                "IrisModel",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // The thin `iris-container` executable: `serve` and `train`.
        .executableTarget(
            name: "IrisContainer",
            dependencies: [
                "IrisModel", "IrisServing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "IrisModelTests", dependencies: ["IrisModel"]),
        // Also runs the built `iris-container` as a subprocess (SwiftPM builds it with the tests).
        .testTarget(
            name: "IrisServingTests",
            dependencies: ["IrisModel", "IrisServing", .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
