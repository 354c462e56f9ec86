import Foundation
import Synchronization

/// Model patterns compiled once per process, shared by every validation.
///
/// Swift `Regex` is not `Sendable`, and compiling a pattern costs far more than matching it, so
/// patterns are compiled to `NSRegularExpression` on first use and kept.
final class PatternCache: Sendable {
    /// The process-wide cache.
    static let shared = PatternCache()

    private let compiled = Mutex<[String: CompiledPattern?]>([:])

    /// Whether `pattern` matches somewhere in `string`; Smithy patterns are not implicitly
    /// anchored. A pattern ICU cannot compile matches everything: the service remains the judge.
    func matches(_ string: String, pattern: String) -> Bool {
        guard let expression = expression(for: pattern) else { return true }
        let range = NSRange(location: 0, length: string.utf16.count)
        return expression.regex.firstMatch(in: string, options: [], range: range) != nil
    }

    private func expression(for pattern: String) -> CompiledPattern? {
        if let cached = compiled.withLock({ $0[pattern] }) { return cached }
        // Compiled outside the lock; two threads racing on a new pattern both compile it, which
        // is harmless and keeps the lock short.
        let expression = (try? NSRegularExpression(pattern: ICUPattern.from(ecmaScript: pattern)))
            .map(CompiledPattern.init)
        compiled.withLock { $0[pattern] = .some(expression) }
        return expression
    }
}

/// An `NSRegularExpression`, which Apple documents as immutable and safe to share across threads
/// but which not every Foundation marks `Sendable`.
private struct CompiledPattern: @unchecked Sendable {
    let regex: NSRegularExpression
}

/// Rewrites the ECMAScript patterns of the models for ICU where the two dialects differ.
enum ICUPattern {
    /// `pattern` with every unescaped `$` outside a character class replaced by `\z`: in ICU,
    /// `$` also matches before a final line terminator, while in ECMAScript (without the `m`
    /// flag) it matches only at the very end, so `^abc$` must reject `"abc\n"`.
    static func from(ecmaScript pattern: String) -> String {
        var result = ""
        result.reserveCapacity(pattern.utf8.count)
        var inClass = false
        var escaped = false
        for character in pattern {
            if escaped {
                escaped = false
                result.append(character)
                continue
            }
            switch character {
            case "\\":
                escaped = true
                result.append(character)
            case "[":
                inClass = true
                result.append(character)
            case "]":
                inClass = false
                result.append(character)
            case "$" where !inClass:
                result += "\\z"
            default:
                result.append(character)
            }
        }
        return result
    }
}
