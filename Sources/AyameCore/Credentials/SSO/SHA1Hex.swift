import CLibCrypto

/// SHA-1 in lower-case hex, for the SSO token cache's file names only.
///
/// The AWS CLI names each cached token after the SHA-1 of the session name or start URL; this
/// is a file-name convention, not a security use, but it has to match byte for byte to find
/// the token `aws sso login` wrote.
enum SHA1Hex {
    static func of(_ text: String) -> String {
        let input = Array(text.utf8)
        var digest = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let ok = input.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha1(), nil)
        }
        precondition(ok == 1 && length == 20, "libcrypto could not compute SHA-1")
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(40)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
