// The response-head parser stays internal: the fuzz targets in Fuzzing/ (a package of their own)
// reach it through this SPI, which a plain `import AyameHTTP` does not see.

/// Entry points for the libFuzzer targets in `Fuzzing/`; not API.
@_spi(Fuzzing) public enum HTTPFuzzing {
    /// Feeds `lines` to the response-head parser one header callback at a time, as libcurl
    /// hands them over (each line with its line ending), and returns the head it builds.
    public static func parseResponseHead(lines: [UnsafeRawBufferPointer]) -> HTTPResponseHead {
        var parser = ResponseHeadParser()
        for line in lines { parser.consume(line: line) }
        return parser.head
    }
}
