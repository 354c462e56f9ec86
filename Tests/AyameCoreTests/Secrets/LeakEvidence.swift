import Foundation
import Logging
import Synchronization
import Testing

/// Everything a scenario produced that a user could print or log — values, captured log lines —
/// and the strings none of it may contain, checked once at the end.
final class LeakEvidence: Sendable {
    private struct State {
        var values: [(label: String, value: any Sendable)] = []
        var forbidden: [String: String] = [:]  // form -> what it is
    }

    private let state = Mutex(State())
    let log = TraceLog()

    /// A trace-level logger whose lines this evidence checks.
    var logger: Logger { log.logger }

    /// Adds a value to render with every rendering `renderings(_:)` knows.
    func add(_ label: String, _ value: any Sendable) {
        state.withLock { $0.values.append((label, value)) }
    }

    /// Forbids a secret in the forms it takes on the way out: as is, percent-encoded (a URL
    /// query, a form body) and with JSON's escaped slash.
    func forbid(_ secret: String, as what: String) {
        precondition(secret.count >= 12, "\(what): a short secret could match by accident")
        let encoded = secret.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? secret
        state.withLock { state in
            for form in [secret, encoded, secret.replacingOccurrences(of: "/", with: "\\/")] {
                state.forbidden[form] = what
            }
        }
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Every way a value reaches a log or a terminal.
    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var texts = [String(describing: value), String(reflecting: value), "\(value)", dumped]
        if let debug = value as? any CustomDebugStringConvertible { texts.append(debug.debugDescription) }
        if let error = value as? any Error {
            texts.append(error.localizedDescription)
            texts.append("\(error as NSError)")
        }
        return texts
    }

    /// Records an issue for every forbidden string found; `minimumLines` guards against a
    /// logger that was never wired in (a test that would prove nothing).
    func check(minimumLines: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
        let (values, forbidden) = state.withLock { ($0.values, $0.forbidden) }
        let lines = log.lines
        #expect(lines.count >= minimumLines, "trace logging produced \(lines.count) lines", sourceLocation: sourceLocation)
        #expect(!forbidden.isEmpty, "nothing was forbidden", sourceLocation: sourceLocation)
        for line in lines {
            for (secret, what) in forbidden where line.contains(secret) {
                Issue.record("a log line leaked \(what): \(line)", sourceLocation: sourceLocation)
            }
        }
        for (label, value) in values {
            for text in Self.renderings(value) {
                for (secret, what) in forbidden where text.contains(secret) {
                    Issue.record("\(label) leaked \(what) in: \(text)", sourceLocation: sourceLocation)
                }
            }
        }
    }
}

/// A log handler at `.trace` that keeps all a real handler could print: level, source, message,
/// the logger's and the event's metadata, and the attached error in both renderings.
final class TraceLog: Sendable {
    private let captured = Mutex<[String]>([])
    var lines: [String] { captured.withLock { $0 } }

    var logger: Logger {
        Logger(label: "ayame-secrets-tests") { _ in Handler(log: self) }
    }

    struct Handler: LogHandler {
        let log: TraceLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            var line = "\(event.level) [\(event.source)] \(event.message) \(merged)"
            if let error = event.error { line += " error: \(error) | \(String(reflecting: error))" }
            log.captured.withLock { $0.append(line) }
        }
    }
}
