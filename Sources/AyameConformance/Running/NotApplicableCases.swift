/// Cases that cannot apply to a Swift client, with the reason. They are counted as not
/// applicable in the summary and never run; every other case must pass.
enum NotApplicableCases {
    static let reasons: [String: String] = [:]
}
