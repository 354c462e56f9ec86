// swift-tools-version: 6.0
import PackageDescription

// The code generator is a package of its own so that users of the SDK never build it. It uses
// Foundation only: its two commands take a handful of flags, parsed by hand.
let package = Package(
    name: "AyameCodeGenerator",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "ayame-codegen", targets: ["AyameCodegen"])],
    targets: [
        .executableTarget(name: "AyameCodegen"),
        .testTarget(name: "AyameCodegenTests", dependencies: ["AyameCodegen"]),
    ],
    swiftLanguageModes: [.v6]
)
