/// The three `aws-chunked` body formats S3 accepts.
public enum AWSChunkedMode: Sendable, Hashable {
    /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: every chunk carries a chained signature.
    case signedChunks
    /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: plain chunks, then a trailing checksum header.
    case unsignedChunksWithTrailer
    /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`: signed chunks, then a trailing checksum
    /// header and its signature (`x-amz-trailer-signature`).
    case signedChunksWithTrailer

    /// The `X-Amz-Content-SHA256` value (and canonical payload hash) announcing this format.
    public var contentSHA256: String {
        switch self {
        case .signedChunks: return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
        case .unsignedChunksWithTrailer: return "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        case .signedChunksWithTrailer: return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
        }
    }

    var signsChunks: Bool { self != .unsignedChunksWithTrailer }
    var hasTrailer: Bool { self != .signedChunks }
}
