// swift-tools-version: 6.0
import PackageDescription

// The local runtime is a package of its own so that a program importing the SDK never resolves
// or builds a server stack: only this package depends on SwiftNIO.
let package = Package(
    name: "AyameLocalRuntime",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AyameLocal", targets: ["AyameLocal"]),
        .executable(name: "ayame-local", targets: ["ayame-local"]),
    ],
    dependencies: [
        .package(name: "Ayame", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "AyameLocal",
            dependencies: [
                .product(name: "AyameCore", package: "Ayame"),
                .product(name: "AyameSigV4", package: "Ayame"),
                .product(name: "AyameHTTP", package: "Ayame"),
                .product(name: "AyameS3", package: "Ayame"),
                .product(name: "AyameSNS", package: "Ayame"),
                .product(name: "AyameCloudWatch", package: "Ayame"),
                .product(name: "AyameApplicationAutoScaling", package: "Ayame"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "ayame-local",
            dependencies: [
                "AyameLocal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AyameLocalTests",
            dependencies: [
                "AyameLocal",
                .product(name: "AyameCore", package: "Ayame"),
                .product(name: "AyameSageMaker", package: "Ayame"),
                .product(name: "AyameSageMakerRuntime", package: "Ayame"),
                .product(name: "AyameS3", package: "Ayame"),
                .product(name: "AyameSNS", package: "Ayame"),
                .product(name: "AyameSQS", package: "Ayame"),
                .product(name: "AyameCloudWatch", package: "Ayame"),
                .product(name: "AyameApplicationAutoScaling", package: "Ayame"),
                .product(name: "AyameAsyncInference", package: "Ayame"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
