// swift-tools-version: 6.0
import PackageDescription

// Benchmarks live in their own package so that `swift build` of the SDK never builds them.
// Run with `swift run -c release --package-path Benchmarks ayame-bench <suite>`.
let package = Package(
    name: "AyameBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Ayame", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "ayame-bench",
            dependencies: [
                "AllocationCounter",
                .product(name: "AyameSigV4", package: "Ayame"),
                .product(name: "AyameHTTP", package: "Ayame"),
                .product(name: "AyameSageMaker", package: "Ayame"),
                .product(name: "AyameAsyncInference", package: "Ayame"),
            ],
            path: "Sources/AyameBench"
        ),
        // Counts heap allocations for the `call` suite's allocations-per-call figure.
        .target(name: "AllocationCounter", path: "Sources/AllocationCounter"),
    ],
    swiftLanguageModes: [.v6]
)
