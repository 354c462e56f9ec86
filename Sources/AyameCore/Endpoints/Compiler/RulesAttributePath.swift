/// A parsed `getAttr` path such as `resourceId[1]` or `authSchemes[0].name`.
struct RulesAttributePath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    let steps: [Step]

    /// Parses the dotted/bracketed path syntax; `nil` for anything malformed so the
    /// compiler can reject the rule set up front.
    init?(_ text: String) {
        var steps: [Step] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !segment.isEmpty else { return nil }
            var rest = Substring(segment)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { steps.append(.key(String(key))) }
                rest = rest[bracket...]
                while !rest.isEmpty {
                    guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                          let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
                    else { return nil }
                    steps.append(.index(index))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                guard !rest.contains("]") else { return nil }
                steps.append(.key(String(rest)))
            }
        }
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    /// Follows the path; a missing key or an out-of-range index yields unset.
    func lookUp(in value: EndpointValue) -> EndpointValue? {
        var current = value
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }
}
