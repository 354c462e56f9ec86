import AyameCore
import AyameS3
import AyameSageMakerRuntime
import Foundation

/// Submits requests to a SageMaker asynchronous endpoint and collects their results.
///
/// An asynchronous endpoint reads its input from S3 and writes the output (or a failure) back to
/// S3, so one inference is: upload the input under ``inputLocation``, call
/// `InvokeEndpointAsync`, then poll the output and failure locations SageMaker answered with.
///
/// ```swift
/// let client = AsyncInferenceClient(runtime: runtime, s3: s3,
///                                   inputLocation: S3ObjectLocation(bucket: "my-bucket", key: "inputs"))
/// let handle = try await client.submit(endpointName: "my-endpoint", payload: .data(json),
///                                      options: InvocationOptions(contentType: "application/json"))
/// let answer = try await client.result(for: handle, as: Answer.self)
/// ```
public struct AsyncInferenceClient: Sendable {
    /// The SageMaker Runtime client `InvokeEndpointAsync` goes through.
    public let runtime: SageMakerRuntimeClient
    /// The S3 client inputs are uploaded and results polled with.
    public let s3: S3Client
    /// The bucket and key prefix inputs are uploaded under, as `<prefix>/<inference id>.<ext>`.
    public let inputLocation: S3ObjectLocation
    /// The SageMaker Runtime transport's engine thread as a task executor, for a loop of
    /// submissions that each wait for their answer (`AWSClientRuntime.taskExecutor` says when
    /// it pays and when not).
    public var taskExecutor: (any TaskExecutor)? { runtime.runtime.taskExecutor }
    /// Result buckets already known to exist (shared by copies of this client).
    let existingBuckets = ExistingBuckets()
    /// The queue and reader of result notifications (shared by copies of this client); nil
    /// when results are only polled in S3.
    let notifications: NotificationListener?
    /// Saves outputs to files; its requests in flight are shared by copies of this client.
    let outputTransfers: S3TransferManager

    /// A client uploading inputs under `inputLocation`; nothing is checked or sent until the
    /// first ``submit(endpointName:payload:options:)``.
    ///
    /// With `notifications`, results of endpoints whose configuration has SNS topics are
    /// awaited through an SQS queue subscribed to them (see ``ResultNotifications``); call
    /// ``shutdown()`` when done so the queue the client created is deleted.
    public init(
        runtime: SageMakerRuntimeClient, s3: S3Client, inputLocation: S3ObjectLocation, notifications: ResultNotifications? = nil
    ) {
        self.runtime = runtime
        self.s3 = s3
        self.inputLocation = inputLocation
        outputTransfers = S3TransferManager(client: s3)
        self.notifications = notifications.map(NotificationListener.init(settings:))
    }

    /// Ends every wait for a notification, unsubscribes the queue this client created from the
    /// endpoints' topics and deletes it; a queue given in ``ResultNotifications/queueURL`` stays.
    /// Without notifications there is nothing to release. The client (and its copies) cannot
    /// wait for notifications afterwards.
    ///
    /// - Throws: ``AsyncInferenceError/requestFailed(_:)`` with the first refusal; the other
    ///   releases are still attempted.
    public func shutdown() async throws(AsyncInferenceError) {
        do throws(AyameError) {
            try await notifications?.shutdown()
        } catch {
            throw AsyncInferenceError(request: error)
        }
    }

    // MARK: Submitting

    /// Uploads the input (unless it is already in S3) and queues it on the endpoint.
    ///
    /// Every argument is checked first, so an invalid name, URI or duration throws
    /// ``AsyncInferenceError/invalidArgument(_:)`` before anything is uploaded; a refused upload
    /// or `InvokeEndpointAsync` throws ``AsyncInferenceError/requestFailed(_:)`` with the
    /// service's error. The returned handle carries the locations SageMaker will write to; pass
    /// it to ``result(for:polling:)``.
    public func submit(
        endpointName: String, payload: InferencePayload, options: InvocationOptions = InvocationOptions()
    ) async throws(AsyncInferenceError) -> InferenceHandle {
        do throws(AyameError) {
            return try await send(endpointName: endpointName, payload: payload, options: options)
        } catch {
            throw AsyncInferenceError(request: error)
        }
    }

    private func send(endpointName: String, payload: InferencePayload, options: InvocationOptions) async throws(AyameError) -> InferenceHandle {
        let request = try InvocationRequestCheck(endpointName: endpointName, options: options)
        let inferenceID = options.inferenceID ?? RandomUUID.lowercasedString()
        // The queue must be subscribed before the request can finish, or its notification is lost.
        let announced = try await notifications?.prepare(endpoint: endpointName) ?? false
        let input = try await upload(payload, inferenceID: inferenceID, contentType: options.contentType)
        let submittedAt = Date()
        let answer = try await runtime.invokeEndpointAsync(SageMakerRuntime.InvokeEndpointAsyncInput(
            endpointName: endpointName,
            inputLocation: input.uri,
            contentType: options.contentType,
            accept: options.accept,
            customAttributes: options.customAttributes,
            inferenceId: inferenceID,
            requestTtlSeconds: request.requestTTLSeconds,
            invocationTimeoutSeconds: request.invocationTimeoutSeconds))
        // Without an output location there is nothing to wait for; SageMaker always sends one.
        guard let output = answer.outputLocation, !output.isEmpty else {
            throw .decoding("InvokeEndpointAsync for \(endpointName) answered without an OutputLocation header")
        }
        let handle = InferenceHandle(
            inferenceID: answer.inferenceId ?? inferenceID, inputLocation: input.uri, outputLocation: output,
            failureLocation: answer.failureLocation.flatMap { $0.isEmpty ? nil : $0 }, endpointName: endpointName,
            submittedAt: submittedAt, requestTTLSeconds: request.requestTTLSeconds, invocationTimeoutSeconds: request.invocationTimeoutSeconds)
        if announced, let notifications { await notifications.noteSubmitted(handle.inferenceID) }
        return handle
    }

    /// Puts the payload where SageMaker can read it and returns that place.
    private func upload(_ payload: InferencePayload, inferenceID: String, contentType: String?) async throws(AyameError) -> S3ObjectLocation {
        switch payload {
        case .s3(let uri):
            let location = try S3ObjectLocation.parse(uri)
            try location.validate(requiringKey: true)
            return location
        case .data(let data):
            try inputLocation.validate()
            let target = inputLocation.appending("\(inferenceID).\(Self.fileExtension(path: nil, contentType: contentType))")
            try await s3.putObject(S3.PutObjectRequest(bucket: target.bucket, key: target.key, body: data, contentType: contentType))
            return target
        case .file(let path):
            try inputLocation.validate()
            let size = try Self.fileSize(path)
            let target = inputLocation.appending("\(inferenceID).\(Self.fileExtension(path: path, contentType: contentType))")
            // The streaming payload replaces the Body member, so the file is read in chunks while
            // it is sent instead of being loaded into memory.
            try await s3.putObject(
                S3.PutObjectRequest(bucket: target.bucket, key: target.key, contentType: contentType),
                payload: .file(path: path, length: size))
            return target
        }
    }

    private static func fileSize(_ path: String) throws(AyameError) -> Int64 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: path),
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        else {
            throw .validation(ValidationFailure(shape: "InferencePayload", member: "file(\(path))", rule: "must be a readable regular file"))
        }
        return size.int64Value
    }

    /// The extension of the uploaded object: the file's own, else one matching the content type,
    /// so the input is recognisable when browsing the bucket.
    static func fileExtension(path: String?, contentType: String?) -> String {
        if let path {
            let own = URL(fileURLWithPath: path).pathExtension
            if !own.isEmpty { return own }
        }
        let mime = contentType.map(Self.mediaType) ?? ""
        switch mime {
        case "application/json", "application/jsonlines": return mime == "application/json" ? "json" : "jsonl"
        case "text/csv": return "csv"
        case "text/plain": return "txt"
        case "image/jpeg": return "jpg"
        case "image/png": return "png"
        case "application/x-npy": return "npy"
        default: return "bin"
        }
    }

    /// The media type of a Content-Type value, lower-cased, without parameters or the spaces
    /// around it. Cut on UTF-8 bytes: Foundation's trimming went through NSString on every upload.
    private static func mediaType(_ contentType: String) -> String {
        let end = contentType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? contentType.endIndex
        return contentType[..<end].trimmingASCII { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.lowercased()
    }

    // MARK: Collecting results

    /// Waits for the inference behind `handle` and returns its output bytes.
    ///
    /// Checks the output and failure locations with `HeadObject` (a 404 means "not yet"),
    /// pausing between checks as `polling` says. Throws ``AsyncInferenceError/inferenceFailed(handle:failureContent:)``
    /// when SageMaker wrote a failure, ``AsyncInferenceError/timedOut(handle:after:lastState:)`` when
    /// the deadline passes first (the request may still finish: call again with the same
    /// handle), ``AsyncInferenceError/polling(handle:underlying:)`` when S3 refuses the checks, and
    /// ``AsyncInferenceError/cancelled`` when the calling Task is cancelled.
    public func result(for handle: InferenceHandle, polling: PollingPolicy = PollingPolicy()) async throws(AsyncInferenceError) -> Data {
        try await read(try await awaitOutput(for: handle, polling: polling), handle: handle)
    }

    /// Waits like ``result(for:polling:)`` and writes the output to the file at `path` as it
    /// arrives, for outputs too large to hold: through `S3TransferManager.downloadFile`, so in
    /// constant memory, in parallel ranges or parts when it is large, and checked against S3's
    /// checksum (created or truncated; a failed or corrupted download leaves no file).
    public func result(for handle: InferenceHandle, toFile path: String, polling: PollingPolicy = PollingPolicy()) async throws(AsyncInferenceError) {
        try await saveOutput(try await awaitOutput(for: handle, polling: polling), to: path, handle: handle)
    }

    /// Waits like ``result(for:polling:)`` and answers where the output is, without reading it.
    func awaitOutput(for handle: InferenceHandle, polling: PollingPolicy) async throws(AsyncInferenceError) -> S3ObjectLocation {
        let output = try Self.location(handle.outputLocation, in: handle)
        let failure = try handle.failureLocation.map { location throws(AsyncInferenceError) in try Self.location(location, in: handle) }
        if let notifications, let endpoint = handle.endpointName {
            let announced: Bool
            do { announced = try await notifications.prepare(endpoint: endpoint) } catch {
                if case .cancelled = error { throw .cancelled }
                throw .notifications(handle: handle, underlying: error)
            }
            if announced {
                return try await awaitNotification(for: handle, output: output, failure: failure, listener: notifications, polling: polling)
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + polling.effectiveDeadline(for: handle)
        var generator = SystemRandomNumberGenerator()
        var checks = 0
        while true {
            if Task.isCancelled { throw .cancelled }
            if let found = try await check(output: output, failure: failure, handle: handle) { return found }
            if checks == 0 {
                // A HEAD answers a missing bucket with the same bodiless 404 as a missing key;
                // ask once, so a wrong bucket fails now instead of at the deadline.
                try await requireBuckets(output: output, failure: failure, handle: handle)
            }
            checks += 1
            let now = clock.now
            guard now < end else {
                throw .timedOut(handle: handle, after: now - start, lastState: .pending(checks: checks))
            }
            // Never sleep past the deadline: the last check happens right at it.
            let pause = min(polling.delay(attempt: checks - 1, using: &generator), end - now)
            do { try await Task.sleep(for: pause) } catch { throw .cancelled }
        }
    }

    /// Listens for the endpoint's notification of `handle`, checking S3 once each time none came
    /// within the listener's fallback interval (and first, unless this client submitted the
    /// request after subscribing, so its notification cannot have been missed).
    private func awaitNotification(
        for handle: InferenceHandle, output: S3ObjectLocation, failure: S3ObjectLocation?, listener: NotificationListener,
        polling: PollingPolicy
    ) async throws(AsyncInferenceError) -> S3ObjectLocation {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + polling.effectiveDeadline(for: handle)
        try await requireBuckets(output: output, failure: failure, handle: handle)
        var checkS3 = !(await listener.isAnnounced(handle.inferenceID))
        var checks = 0
        let interval = await listener.fallbackInterval
        while true {
            if Task.isCancelled { throw .cancelled }
            if checkS3 {
                checks += 1
                if let found = try await check(output: output, failure: failure, handle: handle) { return found }
            }
            checkS3 = true
            let now = clock.now
            guard now < end else {
                throw .timedOut(handle: handle, after: now - start, lastState: .pending(checks: checks))
            }
            guard let notification = await listener.notification(for: handle.inferenceID, within: min(interval, end - now)) else { continue }
            switch notification.status {
            case .completed:
                let location = (try? notification.outputLocation.map { uri throws(AsyncInferenceError) in try Self.location(uri, in: handle) }) ?? nil
                return location ?? output
            case .failed:
                let location = (try? notification.failureLocation.map { uri throws(AsyncInferenceError) in try Self.location(uri, in: handle) }) ?? nil
                if let place = location ?? failure, let content = try? await read(place, handle: handle) {
                    throw .inferenceFailed(handle: handle, failureContent: String(decoding: content, as: UTF8.self))
                }
                throw .inferenceFailed(handle: handle, failureContent: notification.failureReason ?? "no failure reason given")
            }
        }
    }

    /// One look in S3: the output's location when it is there, ``AsyncInferenceError/inferenceFailed(handle:failureContent:)``
    /// when the failure is, nil when neither is yet.
    private func check(output: S3ObjectLocation, failure: S3ObjectLocation?, handle: InferenceHandle) async throws(AsyncInferenceError) -> S3ObjectLocation? {
        if try await exists(output, handle: handle) { return output }
        if let failure, try await exists(failure, handle: handle) {
            let content = try await read(failure, handle: handle)
            throw .inferenceFailed(handle: handle, failureContent: String(decoding: content, as: UTF8.self))
        }
        return nil
    }

    private func requireBuckets(output: S3ObjectLocation, failure: S3ObjectLocation?, handle: InferenceHandle) async throws(AsyncInferenceError) {
        for bucket in Set([output.bucket] + (failure.map { [$0.bucket] } ?? [])).sorted() {
            try await requireBucket(bucket, handle: handle)
        }
    }

    /// Waits like ``result(for:polling:)`` and decodes the output as JSON into `type`; a body
    /// that does not decode throws ``AsyncInferenceError/decoding(handle:underlying:)``.
    public func result<T: Decodable>(
        for handle: InferenceHandle, as type: T.Type, decoder: JSONDecoder = JSONDecoder(), polling: PollingPolicy = PollingPolicy()
    ) async throws(AsyncInferenceError) -> T {
        let data = try await result(for: handle, polling: polling)
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw .decoding(handle: handle, underlying: String(describing: error))
        }
    }

    private static func location(_ uri: String, in handle: InferenceHandle) throws(AsyncInferenceError) -> S3ObjectLocation {
        guard let location = try? S3ObjectLocation.parse(uri), !location.key.isEmpty else {
            throw .invalidLocation(handle: handle, location: uri)
        }
        return location
    }

    /// Whether the object is there; a 404 (`NotFound` from HeadObject, `NoSuchKey`) is "not yet".
    private func exists(_ location: S3ObjectLocation, handle: InferenceHandle) async throws(AsyncInferenceError) -> Bool {
        do {
            _ = try await s3.headObject(S3.HeadObjectRequest(bucket: location.bucket, key: location.key))
            return true
        } catch {
            if let service = error.serviceError, service.statusCode == 404 || service.s3Code == .noSuchKey { return false }
            if case .cancelled = error { throw .cancelled }
            throw .polling(handle: handle, underlying: error)
        }
    }

    /// Throws ``AsyncInferenceError/missingBucket(handle:bucket:)`` when HeadBucket says the bucket
    /// is not there; any other refusal is left to the object checks.
    private func requireBucket(_ bucket: String, handle: InferenceHandle) async throws(AsyncInferenceError) {
        let s3 = self.s3
        let outcome = await existingBuckets.check(bucket) { () async -> ExistingBuckets.Outcome in
            do throws(AyameError) {
                _ = try await s3.headBucket(bucket: bucket)
                return .exists
            } catch {
                return error.serviceError?.statusCode == 404 ? .missing : .unknown
            }
        }
        if Task.isCancelled { throw .cancelled }
        if outcome == .missing { throw .missingBucket(handle: handle, bucket: bucket) }
    }

    func read(_ location: S3ObjectLocation, handle: InferenceHandle) async throws(AsyncInferenceError) -> Data {
        do {
            return try await s3.getObject(S3.GetObjectRequest(bucket: location.bucket, key: location.key)).body ?? Data()
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .polling(handle: handle, underlying: error)
        }
    }
}

/// The invocation arguments checked against the SageMaker Runtime model, so a mistake is
/// reported before the input is uploaded rather than after.
struct InvocationRequestCheck {
    let requestTTLSeconds: Int?
    let invocationTimeoutSeconds: Int?

    init(endpointName: String, options: InvocationOptions) throws(AyameError) {
        let shape = "InvokeEndpointAsyncInput"
        func fail(_ member: String, _ rule: String) -> AyameError {
            .validation(ValidationFailure(shape: shape, member: member, rule: rule))
        }
        // EndpointName: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*, at most 63 characters. Checked as UTF-8
        // bytes (every allowed character is ASCII): per-`Character` property look-ups cost
        // microseconds on every submission.
        let name = endpointName.utf8
        let alphanumeric: (UInt8) -> Bool = {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        }
        guard (1...63).contains(name.count),
              name.allSatisfy({ alphanumeric($0) || $0 == UInt8(ascii: "-") }),
              let first = name.first, let last = name.last, alphanumeric(first), alphanumeric(last)
        else {
            throw fail("EndpointName", "1–63 ASCII letters, digits and hyphens, starting and ending with a letter or digit")
        }
        if let id = options.inferenceID {
            guard (1...64).contains(id.count), let first = id.unicodeScalars.first,
                  !first.properties.isWhitespace,
                  id.unicodeScalars.allSatisfy({ $0.isASCII ? ($0.value >= 0x20 && $0.value < 0x7F) : !$0.properties.isNoncharacterCodePoint && $0.properties.generalCategory != .control })
            else {
                throw fail("InferenceId", "1–64 printable characters, not starting with whitespace")
            }
        }
        // ASCII, so characters are bytes (and counted as botocore counts them, one per code point).
        for (member, value, limit) in [("ContentType", options.contentType, 1024), ("Accept", options.accept, 1024), ("CustomAttributes", options.customAttributes, 1024)] {
            if let value, value.utf8.count > limit || !value.utf8.allSatisfy({ $0 < 0x80 }) {
                throw fail(member, "at most \(limit) ASCII characters")
            }
        }
        requestTTLSeconds = try Self.wholeSeconds(options.requestTTL, in: 60...21600) { fail("RequestTTLSeconds", $0) }
        invocationTimeoutSeconds = try Self.wholeSeconds(options.invocationTimeout, in: 1...3600) { fail("InvocationTimeoutSeconds", $0) }
    }

    private static func wholeSeconds(
        _ duration: Duration?, in range: ClosedRange<Int>, fail: (String) -> AyameError
    ) throws(AyameError) -> Int? {
        guard let duration else { return nil }
        let parts = duration.components
        // The header carries whole seconds; rounding silently would change what the caller asked for.
        guard parts.attoseconds == 0, let seconds = Int(exactly: parts.seconds), range.contains(seconds) else {
            throw fail("whole seconds in \(range.lowerBound)...\(range.upperBound)")
        }
        return seconds
    }
}
