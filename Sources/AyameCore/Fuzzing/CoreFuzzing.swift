// The readers stay internal: the fuzz targets in Fuzzing/ (a package of their own) reach them
// through this SPI, which a plain `import AyameCore` does not see, so the public API is unchanged.

/// Entry points for the libFuzzer targets in `Fuzzing/`; not API.
@_spi(Fuzzing) public enum CoreFuzzing {
    /// Reads `bytes` as an XML document the way response bodies are read.
    ///
    /// - Returns: Whether the document was well formed.
    public static func readXML(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (try? XMLReader.parse(bytes)) != nil
    }

    /// Reads `bytes` as a JSON text the way response bodies are read.
    ///
    /// - Returns: Whether the text was valid JSON.
    public static func readJSON(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (try? JSONReader.parse(bytes)) != nil
    }
}
