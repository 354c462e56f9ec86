extension Substring {
    /// This text without the leading and trailing bytes `isTrimmed` accepts, which must be ASCII
    /// (an ASCII byte is always a whole character, so the cut never splits one). Works on UTF-8
    /// because it runs on every submission, where Foundation's trimming went through NSString.
    func trimmingASCII(where isTrimmed: (UInt8) -> Bool) -> Substring {
        let bytes = utf8
        let start = bytes.firstIndex { !isTrimmed($0) } ?? bytes.endIndex
        let end = bytes[start...].lastIndex { !isTrimmed($0) }.map { bytes.index(after: $0) } ?? start
        return self[start..<end]
    }
}
