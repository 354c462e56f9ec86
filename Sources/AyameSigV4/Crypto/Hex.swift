/// Lower-case hexadecimal by table lookup; `String(format:)` would cost more than the hash.
enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    static func append(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let table = digits.utf8Start
        for byte in bytes {
            output.append(table[Int(byte >> 4)])
            output.append(table[Int(byte & 0x0F)])
        }
    }
}
