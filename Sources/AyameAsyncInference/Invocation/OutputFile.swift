import AyameCore
import AyameS3

extension AsyncInferenceClient {
    /// Saves the output at `location` to the file at `path` with the transfer manager: written in
    /// place as it arrives (constant memory), in parallel pieces when large, checksum-verified;
    /// a failure leaves no file.
    func saveOutput(_ location: S3ObjectLocation, to path: String, handle: InferenceHandle) async throws(AsyncInferenceError) {
        do throws(S3TransferError) {
            try await outputTransfers.downloadFile(bucket: location.bucket, key: location.key, to: path)
        } catch {
            throw Self.outputFailure(error, handle: handle)
        }
    }

    /// A failed output download as the client's error: S3's refusal as it came, anything else
    /// (a corrupted body, a file that cannot be written) described.
    static func outputFailure(_ error: S3TransferError, handle: InferenceHandle) -> AsyncInferenceError {
        switch error {
        case .cancelled:
            return .cancelled
        case .failed(_, let underlying, _):
            if case .cancelled = underlying { return .cancelled }
            return .polling(handle: handle, underlying: underlying)
        case .checksumMismatch, .partChecksumMismatch:
            return .polling(handle: handle, underlying: .decoding(error.description))
        case .invalidConfiguration, .localFile, .sourceFailed, .fileFailed:
            return .polling(handle: handle, underlying: .configuration(error.description))
        }
    }
}
