#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// ayame-bench: on-demand benchmarks. Each suite prints one line per scenario,
// `<scenario> <metric>=<value> ...`, so results can be compared run to run.

let arguments = Array(CommandLine.arguments.dropFirst())
let suites: [String: ([String]) async throws -> Void] = [
    "call": runCallBenchmarks,
    "checksum": runChecksumBenchmarks,
    "invoke": runInvokeBenchmarks,
    "notify": runNotifyBenchmarks,
    "sign": runSignBenchmarks,
    "transport": runTransportBenchmarks,
    "transfer": runTransferBenchmarks,
]

guard let name = arguments.first, let suite = suites[name] else {
    print("usage: ayame-bench <\(suites.keys.sorted().joined(separator: "|"))> [options]")
    exit(2)
}
try await suite(Array(arguments.dropFirst()))
