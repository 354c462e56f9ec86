import CLibFuzzer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer with the process's arguments (`-runs=N`, `-max_total_time=S`, corpus
/// directories, ...) over `testOneInput`, then exits with libFuzzer's status.
///
/// `testOneInput` gets each input as bytes; it must return normally for every input, so a trap,
/// a sanitizer report, a leak or a timeout is a finding.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = withUnsafeMutablePointer(to: &argv) { argvPointer in
        LLVMFuzzerRunDriver(&argc, argvPointer, testOneInput)
    }
    exit(status)
}
