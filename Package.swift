// swift-tools-version: 6.0
import PackageDescription

// Library targets depend on Foundation, libcurl and libcrypto only (see
// Documentation/Architecture.md); command-line tools may add swift-argument-parser.
let package = Package(
    name: "Ayame",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AyameSigV4", targets: ["AyameSigV4"]),
        .library(name: "AyameHTTP", targets: ["AyameHTTP"]),
        .library(name: "AyameCore", targets: ["AyameCore"]),
        .library(name: "AyameAsyncInference", targets: ["AyameAsyncInference"]),
        .executable(name: "ayame", targets: ["AyameTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),

        // MARK: Foundation layer
        .target(name: "AyameSigV4", dependencies: ["CLibCrypto"]),
        .target(name: "AyameHTTP", dependencies: ["CCurl"]),

        // MARK: Client runtime
        .target(
            name: "AyameCore",
            dependencies: [
                "AyameSigV4", "AyameHTTP", "CLibCrypto", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: The async-inference workflow
        .target(name: "AyameAsyncInference", dependencies: ["AyameCore"]),

        // MARK: Command-line tool
        .target(name: "AyameCommandLine", dependencies: ["AyameSigV4"]),
        .executableTarget(
            name: "AyameTool",
            dependencies: [
                "AyameCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "AyameSigV4Tests", dependencies: ["AyameSigV4"]),
        .testTarget(name: "AyameHTTPTests", dependencies: ["AyameHTTP", "CLibCrypto"]),
        .testTarget(name: "AyameCoreTests", dependencies: ["AyameCore"]),
        .testTarget(name: "AyameAsyncInferenceTests", dependencies: ["AyameAsyncInference"]),
        .testTarget(name: "AyameCommandLineTests", dependencies: ["AyameCommandLine", "AyameSigV4"]),
    ],
    swiftLanguageModes: [.v6]
)
