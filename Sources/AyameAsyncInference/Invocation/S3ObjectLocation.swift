import AyameCore
import Foundation

/// A place in S3: a bucket and a key, or a key prefix when it names where many objects go.
///
/// Named `S3ObjectLocation` rather than `S3Location` because the generated `AyameS3` module
/// already has an `S3Location` shape, and a program importing both must not meet an ambiguity.
public struct S3ObjectLocation: Sendable, Hashable, CustomStringConvertible {
    /// The bucket name.
    public let bucket: String
    /// The object key, or a prefix without its trailing slash (empty for the bucket's root).
    public let key: String

    /// A location from its parts; the bucket name is checked when the location is used, so a
    /// mistake is reported before anything is sent.
    public init(bucket: String, key: String) {
        self.bucket = bucket
        // A prefix written as `inputs/` or `/inputs` means the same folder as `inputs`. Trimmed
        // as UTF-8 (a `/` byte is always the character `/`): this runs for every submission, and
        // Foundation's `trimmingCharacters(in:)` went through NSString.
        let slash = UInt8(ascii: "/")
        if key.utf8.first == slash || key.utf8.last == slash {
            self.key = String(Substring(key).trimmingASCII { $0 == slash })
        } else {
            self.key = key
        }
    }

    /// Parses `s3://bucket/key`; the key may be empty (the bucket's root).
    ///
    /// - Throws: ``AsyncInferenceError/invalidArgument(_:)`` naming the rule the URI breaks.
    public init(uri: String) throws(AsyncInferenceError) {
        do throws(AyameError) {
            self = try Self.parse(uri)
        } catch {
            throw AsyncInferenceError(request: error)
        }
    }

    /// ``init(uri:)`` for the module's requests, whose errors are still `AyameError`s.
    static func parse(_ uri: String) throws(AyameError) -> S3ObjectLocation {
        guard uri.hasPrefix("s3://") else {
            throw Self.invalid(uri, "must start with s3://, as in s3://my-bucket/inputs")
        }
        let rest = uri.dropFirst("s3://".count)
        let bucket = rest.prefix { $0 != "/" }
        let location = S3ObjectLocation(bucket: String(bucket), key: String(rest.dropFirst(bucket.count)))
        try location.validate()
        return location
    }

    /// `s3://bucket/key`.
    public var uri: String { key.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(key)" }

    public var description: String { uri }

    /// The location of `name` under this prefix.
    public func appending(_ name: String) -> S3ObjectLocation {
        S3ObjectLocation(bucket: bucket, key: key.isEmpty ? name : "\(key)/\(name)")
    }

    /// Checks the bucket against S3's naming rules (3–63 lowercase letters, digits, dots and
    /// hyphens, starting and ending with a letter or digit) and the key's length.
    /// Checked as UTF-8 bytes: every allowed character is ASCII, so a bucket passes only if all
    /// its bytes do (sets of `Character`s built per call cost microseconds per submission).
    func validate(requiringKey: Bool = false) throws(AyameError) {
        let bytes = bucket.utf8
        guard (3...63).contains(bytes.count), bytes.allSatisfy({ Self.isLowercaseAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
              let first = bytes.first, let last = bytes.last,
              Self.isLowercaseAlphanumeric(first), Self.isLowercaseAlphanumeric(last)
        else {
            throw Self.invalid(uri, "bucket `\(bucket)` must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit")
        }
        if requiringKey && key.isEmpty { throw Self.invalid(uri, "must name an object: s3://\(bucket)/<key>") }
        // S3 keys are at most 1024 bytes of UTF-8.
        guard key.utf8.count <= 1024 else { throw Self.invalid(uri, "key must be at most 1024 bytes") }
    }

    private static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func invalid(_ uri: String, _ rule: String) -> AyameError {
        .validation(ValidationFailure(shape: "S3ObjectLocation", member: "uri(\(uri))", rule: rule))
    }
}
