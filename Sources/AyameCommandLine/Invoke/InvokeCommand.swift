import AyameAsyncInference
import Foundation

/// `ayame invoke ENDPOINT --input FILE|s3://… [--wait] [--output FILE]`: one asynchronous
/// inference from the command line.
///
/// Exit codes: 0 submitted (with `--wait`: the result arrived); 1 an AWS call failed or the
/// model wrote a failure; 2 invalid arguments or configuration, nothing sent; 3 no result
/// before the deadline (the request may still complete: its output location is printed).
public enum InvokeCommand {
    /// The command's arguments.
    public struct Arguments: Sendable {
        /// The async endpoint.
        public var endpointName: String
        /// A local file (uploaded first) or an `s3://` URI (sent as it is).
        public var input: String
        /// The input's content type.
        public var contentType: String
        /// Where files are uploaded; by default `s3://<the endpoint's output bucket>/ayame-inputs/`.
        public var inputLocation: String?
        /// Whether to await the result.
        public var wait: Bool
        /// Where to write the result (else standard output).
        public var outputPath: String?
        /// How long to await the result; nil: as long as SageMaker may still write it (the
        /// request's RequestTTL and InvocationTimeout, see `PollingPolicy.deadline`).
        public var timeout: Duration?

        /// Creates the arguments.
        public init(
            endpointName: String, input: String, contentType: String = "application/json", inputLocation: String? = nil,
            wait: Bool = false, outputPath: String? = nil, timeout: Duration? = nil
        ) {
            self.endpointName = endpointName
            self.input = input
            self.contentType = contentType
            self.inputLocation = inputLocation
            self.wait = wait
            self.outputPath = outputPath
            self.timeout = timeout
        }
    }

    /// Runs the command; `print` gets the inference id, locations and (without `--output`)
    /// the result; `printError` the failure.
    public static func run(
        _ arguments: Arguments, environment: AWSEnvironment = .process,
        print: @escaping @Sendable (String) -> Void, printError: @escaping @Sendable (String) -> Void
    ) async -> Int32 {
        let isS3 = arguments.input.hasPrefix("s3://")
        if !isS3, !FileManager.default.isReadableFile(atPath: arguments.input) {
            printError("--input \(arguments.input): not a readable file or an s3:// URI")
            return 2
        }
        do {
            let s3 = try await S3Client.standard(environment: environment)
            let inputLocation = try await uploadLocation(arguments, environment: environment)
            let client = AsyncInferenceClient(
                runtime: try await SageMakerRuntimeClient.standard(environment: environment), s3: s3,
                inputLocation: inputLocation)
            let handle = try await client.submit(
                endpointName: arguments.endpointName, payload: isS3 ? .s3(uri: arguments.input) : .file(path: arguments.input),
                options: InvocationOptions(contentType: arguments.contentType))
            print("InferenceId: \(handle.inferenceID)")
            print("OutputLocation: \(handle.outputLocation)")
            if let failure = handle.failureLocation { print("FailureLocation: \(failure)") }
            guard arguments.wait else { return 0 }
            let result = try await client.result(for: handle, polling: PollingPolicy(deadline: arguments.timeout))
            if let path = arguments.outputPath {
                try result.write(to: URL(fileURLWithPath: path))
                print("wrote \(result.count) bytes to \(path)")
            } else {
                print(String(decoding: result, as: UTF8.self))
            }
            return 0
        } catch let error as AsyncInferenceError {
            printError("\(error)")
            switch error {
            case .timedOut: return 3
            case .invalidArgument, .requestFailed(.validation), .requestFailed(.configuration): return 2
            default: return 1
            }
        } catch let error as AyameError {
            printError("\(error)")
            if case .validation = error { return 2 }
            if case .configuration = error { return 2 }
            return 1
        } catch {
            printError("\(error)")
            return 1
        }
    }

    /// `--input-location`, or a prefix in the bucket the endpoint writes its outputs to.
    static func uploadLocation(_ arguments: Arguments, environment: AWSEnvironment) async throws -> S3ObjectLocation {
        if let given = arguments.inputLocation { return try S3ObjectLocation(uri: given) }
        if arguments.input.hasPrefix("s3://") { return try S3ObjectLocation(uri: arguments.input) }
        let sageMaker = try await SageMakerClient.standard(environment: environment)
        let endpoint = try await sageMaker.describeEndpoint(endpointName: arguments.endpointName)
        let config = try await sageMaker.describeEndpointConfig(endpointConfigName: endpoint.endpointConfigName ?? endpoint.endpointName)
        guard let output = config.asyncInferenceConfig?.outputConfig.s3OutputPath else {
            throw AyameError.validation(ValidationFailure(
                shape: "ayame invoke", member: "--input-location",
                rule: "given, or an endpoint with an AsyncInferenceConfig S3OutputPath to derive it from"))
        }
        let bucket = try S3ObjectLocation(uri: output).bucket
        return S3ObjectLocation(bucket: bucket, key: "ayame-inputs/")
    }
}
