import AyameCore
import AyameHTTP

/// An S3 object body arriving as chunks, with the object's metadata.
public struct S3ObjectStream: Sendable {
    /// GetObject's output, decoded from the headers; its `body` is empty.
    public let output: S3.GetObjectOutput
    /// The object's bytes in order. Iterate once; when S3 sent a full-object checksum it is
    /// checked and iteration throws at the end of a corrupted body.
    public let body: AnyByteChunks
}

extension S3Client {
    /// GetObject with the body streamed: returns as soon as the headers are in, and the bytes
    /// follow through `S3ObjectStream.body` with back-pressure, never held whole.
    public func getObjectStream(_ input: S3.GetObjectRequest) async throws(AyameError) -> S3ObjectStream {
        let value = input.shapeValue
        try value.validate(against: S3.GetObjectRequest.schema)
        let streamed = try await runtime.executeStreaming(S3Operations.getObject, input: value)
        let output = try ResponseDecoding.decode(streamed.response.output, as: S3.GetObjectOutput.self)
        return S3ObjectStream(output: output, body: streamed.body)
    }

    /// GetObject written to the file at `path` (created or truncated) as it arrives, in
    /// constant memory, checked against S3's checksum in the same pass. A failed or corrupted
    /// download leaves no file behind. The returned output's `body` is empty.
    @discardableResult
    public func getObject(_ input: S3.GetObjectRequest, toFile path: String) async throws(AyameError) -> S3.GetObjectOutput {
        try await getObject(input, into: HTTPDownloadTarget(path: path))
    }

    /// GetObject written into `target` (for a ranged GET, into an existing file at an offset).
    @discardableResult
    public func getObject(_ input: S3.GetObjectRequest, into target: HTTPDownloadTarget) async throws(AyameError) -> S3.GetObjectOutput {
        let value = input.shapeValue
        try value.validate(against: S3.GetObjectRequest.schema)
        let response = try await runtime.executeDownload(S3Operations.getObject, input: value, into: target)
        return try ResponseDecoding.decode(response.output, as: S3.GetObjectOutput.self)
    }
}
