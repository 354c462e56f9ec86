// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for the SDK's parsers, a package of its own so that building the SDK never
// builds them. Each target's main hands its test function to libFuzzer's driver, so it links only
// when built with `-sanitize=fuzzer`: run them with `scripts/fuzz` (Documentation/Fuzzing.md).
// gold trips over libFuzzer's archive (an internal error in its diagnostics); lld links it.
let lld: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))]

let package = Package(
    name: "AyameFuzzing",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Ayame", path: ".."),
    ],
    targets: [
        // libFuzzer's driver entry point, declared for Swift.
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "fuzz-xml-reader", dependencies: ["FuzzSupport", .product(name: "AyameCore", package: "Ayame")],
            path: "Sources/FuzzXMLReader", linkerSettings: lld),
        .executableTarget(
            name: "fuzz-json-reader", dependencies: ["FuzzSupport", .product(name: "AyameCore", package: "Ayame")],
            path: "Sources/FuzzJSONReader", linkerSettings: lld),
        .executableTarget(
            name: "fuzz-shared-config", dependencies: ["FuzzSupport", .product(name: "AyameCore", package: "Ayame")],
            path: "Sources/FuzzSharedConfig", linkerSettings: lld),
        .executableTarget(
            name: "fuzz-endpoint-rule-set", dependencies: ["FuzzSupport", .product(name: "AyameCore", package: "Ayame")],
            path: "Sources/FuzzEndpointRuleSet", linkerSettings: lld),
        .executableTarget(
            name: "fuzz-response-head", dependencies: ["FuzzSupport", .product(name: "AyameHTTP", package: "Ayame")],
            path: "Sources/FuzzResponseHead", linkerSettings: lld),
        .executableTarget(
            name: "fuzz-sigv4-canonicalization", dependencies: ["FuzzSupport", .product(name: "AyameSigV4", package: "Ayame")],
            path: "Sources/FuzzSigV4Canonicalization", linkerSettings: lld),
        .executableTarget(
            name: "fuzz-event-stream", dependencies: ["FuzzSupport", .product(name: "AyameCore", package: "Ayame")],
            path: "Sources/FuzzEventStream", linkerSettings: lld),
    ],
    swiftLanguageModes: [.v6]
)
