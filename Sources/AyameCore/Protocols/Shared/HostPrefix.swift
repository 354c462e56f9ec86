/// Expands an operation's `endpoint.hostPrefix` (`{AccountId}.`) from the input's host labels.
enum HostPrefix {
    /// The prefix with every `{Label}` replaced, or nil when the operation has none. A label
    /// that is missing or holds anything but letters, digits, `-` and `.` is a validation
    /// error: it would change which host the request goes to.
    static func expand(operation: OperationDescriptor, input: ShapeValue?) throws(AyameError) -> String? {
        guard let template = operation.hostPrefix else { return nil }
        let members = input?.structureMembers ?? [:]
        let shape = operation.input?.name ?? operation.name
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let label = String(rest[rest.index(after: open)..<close])
            guard let value = members[label]?.stringValue, !value.isEmpty else {
                throw AyameError.validation(ValidationFailure(shape: shape, member: label, rule: "required (host label)"))
            }
            guard value.utf8.allSatisfy({ PercentEncoder.isUnreserved($0) && $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: "~") }) else {
                throw AyameError.validation(ValidationFailure(shape: shape, member: label, rule: "host label: only A-Z a-z 0-9 - ."))
            }
            output += value
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}
