import AyameAsyncInference
import Foundation

/// `ayame deploy SPEC.json [--plan | --teardown]`: the builder from the command line.
///
/// Exit codes: 0 done (or, with `--plan`, planned); 1 an AWS call failed (an apply rolled back
/// what it had done first); 2 the spec or the configuration is invalid and nothing was sent;
/// 130 interrupted (an apply rolled back first).
public enum DeployCommand {
    /// What to do with the spec.
    public enum Mode: Sendable {
        /// Create or update everything the spec describes.
        case apply
        /// Print what apply would do; send only Describe and List calls.
        case plan
        /// Remove everything the spec describes.
        case teardown
    }

    /// Runs the command; `print` receives the plan, progress and outcome lines, `printError` the
    /// failure. Region, credentials and endpoint come from `environment`, like every AWS tool.
    public static func run(
        specPath: String, mode: Mode, environment: AWSEnvironment = .process,
        print: @escaping @Sendable (String) -> Void, printError: @escaping @Sendable (String) -> Void
    ) async -> Int32 {
        let spec: AsyncEndpointSpec
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: specPath))
            spec = try AsyncEndpointSpec(json: data)
        } catch let error as AsyncInferenceError {
            printError("\(specPath): \(error)")
            return 2
        } catch {
            printError("cannot read \(specPath): \(error.localizedDescription)")
            return 2
        }
        let builder: AsyncEndpointBuilder
        do {
            builder = try await AsyncEndpointBuilder.standard(spec: spec, environment: environment)
        } catch {
            printError("\(error)")
            return 2
        }
        do throws(AsyncInferenceError) {
            switch mode {
            case .plan:
                print(try await builder.plan().description)
            case .apply:
                print(try await builder.plan().description)
                let started = ContinuousClock.now
                try await builder.apply { event in print("  \(event)") }
                print("\(spec.endpointName) is InService (\(ContinuousClock.now - started))")
            case .teardown:
                let report = try await builder.teardown()
                for resource in report.removed { print("removed \(resource)") }
                for resource in report.alreadyGone { print("already gone \(resource)") }
            }
            return 0
        } catch {
            printError("\(error)")
            if case .invalidSpec = error { return 2 }
            return Task.isCancelled ? 130 : 1
        }
    }
}
