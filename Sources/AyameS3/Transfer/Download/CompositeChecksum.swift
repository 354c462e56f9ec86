import AyameCore
import Foundation

/// The checksum S3 keeps for an object uploaded in parts (checksum type `COMPOSITE`): the
/// checksum, with the parts' algorithm, of the parts' own checksums (their raw bytes)
/// concatenated in part order, written `<base64>-<part count>`. It cannot be recomputed from the
/// object's bytes as a whole, only from its parts' bytes taken part by part.
struct CompositeChecksum: Sendable, Equatable {
    let algorithm: ChecksumAlgorithm
    /// The base64 value, without the `-N` suffix.
    let value: String
    /// The part count the suffix names, when S3 wrote one.
    let partCount: Int?

    /// The composite checksum HeadObject (with `ChecksumMode=ENABLED`) reported; nil for an
    /// object stored in one piece, for a `FULL_OBJECT` checksum, and for algorithms Ayame does
    /// not compute (CRC64NVME, ...).
    init?(head: S3.HeadObjectOutput) {
        guard head.checksumType != .fullObject else { return nil }
        let candidates: [(ChecksumAlgorithm, String?)] = [
            (.crc32c, head.checksumCrc32C), (.crc32, head.checksumCrc32), (.sha1, head.checksumSha1), (.sha256, head.checksumSha256),
        ]
        guard let (algorithm, text) = candidates.first(where: { $0.1 != nil }).map({ ($0.0, $0.1!) }) else { return nil }
        let (value, suffix) = Self.split(text)
        // S3 marks a composite with the `-N` suffix and COMPOSITE; moto 5.2.1's HeadObject drops
        // both, so a multipart ETag (`"…-N"`) is the remaining sign.
        guard suffix != nil || head.checksumType == .composite || Self.split(Self.unquoted(head.eTag ?? "")).1 != nil else {
            return nil
        }
        self.algorithm = algorithm
        self.value = value
        self.partCount = suffix
    }

    init(algorithm: ChecksumAlgorithm, value: String, partCount: Int?) {
        self.algorithm = algorithm
        self.value = value
        self.partCount = partCount
    }

    /// The composite of `digests`, the parts' raw checksums in part order, as S3 writes it.
    static func of(_ digests: [[UInt8]], algorithm: ChecksumAlgorithm) -> String {
        var calculator = ChecksumCalculator(algorithm)
        for digest in digests { calculator.update(digest) }
        return "\(calculator.finalizeBase64())-\(digests.count)"
    }

    /// The value as S3 writes it, `<base64>-<part count>`.
    func written(partCount count: Int) -> String { "\(value)-\(partCount ?? count)" }

    /// `"<base64>-N"` split into the value and N; N is nil without a numeric suffix.
    static func split(_ text: String) -> (String, Int?) {
        guard let dash = text.lastIndex(of: "-"), let count = Int(text[text.index(after: dash)...]), count > 0 else {
            return (text, nil)
        }
        return (String(text[..<dash]), count)
    }

    static func unquoted(_ eTag: String) -> String {
        eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
