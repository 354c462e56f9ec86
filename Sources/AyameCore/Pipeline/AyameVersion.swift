/// The version of Ayame, as it appears in the `User-Agent` header.
public enum AyameVersion {
    /// The semantic version of this build of Ayame.
    public static let current = "0.1.0"
}
